#!/usr/bin/env node
// Aggregates bench/run.sh measurements into the markdown table and latest.json.
// usage: node report.js META.json RAW.jsonl OUT.json OUT.md "java -version line"
'use strict';
const fs = require('fs');
const path = require('path');

const [metaFile, rawFile, outJson, outMd, javaVersion] = process.argv.slice(2);
const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
meta.versions.java = javaVersion;
const raw = fs.readFileSync(rawFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const benchDir = path.dirname(__dirname);
const read = (f) => { try { return fs.readFileSync(path.join(benchDir, f), 'utf8'); } catch (e) { return ''; } };
const nodemailerVersion = (() => { try { return JSON.parse(read('peers/node/node_modules/nodemailer/package.json')).version; } catch (e) { return '?'; } })();
const pom = read('peers/java/pom.xml');
const prop = (name) => (pom.match(new RegExp(`<${name}>([^<]+)</${name}>`)) || [])[1] || '?';
meta.versions.nodemailer = nodemailerVersion;
meta.versions.jakarta_mail = prop('jakarta.mail.version');
meta.versions.angus_mail = prop('angus.mail.version');
meta.versions.simple_java_mail = prop('simplejavamail.version');

const LABELS = {
  'smtp-source': 'Postfix smtp-source (the ceiling)',
  nodemailer: `nodemailer ${nodemailerVersion}, pooled`,
  jakarta: `Jakarta Mail ${meta.versions.jakarta_mail} / Angus ${meta.versions.angus_mail}, Transport per thread, TCP_NODELAY`,
  sjm: `Simple Java Mail ${meta.versions.simple_java_mail} batch module, TCP_NODELAY`,
  'nodemailer-dkim': `nodemailer ${nodemailerVersion}, pooled, **DKIM on**`,
  'paper-digest': `**paper-digest \`send\`** (end to end)`,
  'paper-digest-dkim': `**paper-digest \`send\`, DKIM on** (end to end)`,
  'jakarta-nagle': `Jakarta Mail, default sockets (N=${meta.nagle_n})`,
};
const ORDER = ['smtp-source', 'nodemailer', 'nodemailer-dkim', 'jakarta', 'sjm', 'paper-digest', 'paper-digest-dkim', 'jakarta-nagle'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–'
  : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const rate = (x) => fmt(x, x !== null && x < 10 ? 1 : 0);

// summary[sender][c]
const summary = {};
for (const r of raw) {
  const s = (summary[r.sender] ||= {});
  const cell = (s[r.c] ||= { runs: 0, ok_runs: 0, rates: [], self_rates: [], cpu: [], rss: [], conns: [], errors: [], n: r.n });
  cell.runs++;
  if (r.ok) {
    cell.ok_runs++;
    cell.rates.push(r.msgs_per_s);
    cell.cpu.push(r.cpu_s);
    cell.rss.push(r.peak_rss_mb);
    cell.conns.push(r.sink_connections);
    if (r.self_report && r.self_report.seconds > 0) cell.self_rates.push(r.self_report.sent / r.self_report.seconds);
  } else {
    cell.errors.push(r.error);
  }
}
for (const s of Object.values(summary)) {
  for (const cell of Object.values(s)) {
    cell.msgs_per_s = { median: median(cell.rates), min: cell.rates.length ? Math.min(...cell.rates) : null,
      max: cell.rates.length ? Math.max(...cell.rates) : null };
    cell.cpu_s = median(cell.cpu);
    cell.cpu_ms_per_msg = cell.cpu_s === null ? null : +(1000 * cell.cpu_s / cell.n).toFixed(3);
    cell.peak_rss_mb = median(cell.rss);
    cell.connections = median(cell.conns);
    // The peer's own timing (connect → last message accepted; no process start-up).
    cell.in_process_msgs_per_s = cell.self_rates.length ? +median(cell.self_rates).toFixed(1) : null;
  }
}

const cs = meta.concurrency;
const senders = ORDER.filter((s) => summary[s]);
const out = [];
const msg = meta.sample_message && meta.sample_message.wire_bytes;
out.push(`### Sending ${fmt(meta.n)} personalised ~${msg ? (msg / 1024).toFixed(1) : '31'} KB digests to Postfix smtp-sink on loopback`);
out.push('');
out.push(`${meta.machine.cpus} cores (${meta.machine.cpu_model}), ${meta.versions.java}, node ${meta.versions.node}, ` +
  `postfix ${meta.versions.postfix}; median of ${meta.runs} run${meta.runs > 1 ? 's' : ''} [min–max]; ` +
  `msgs/s = N ÷ wall time of the whole sender process (JVM/node start included); ` +
  `CPU = user+sys seconds of the sender process; RSS = its peak resident set.` +
  (meta.paper_digest.java_opts ? ` paper-digest JVM options: \`${meta.paper_digest.java_opts}\`` +
    (meta.paper_digest.dkim_java_opts !== undefined ? `; signed: \`${meta.paper_digest.dkim_java_opts}\`` : '') +
    (meta.paper_digest.cds ? '; both with the class data sharing archive the launcher keeps (written by one untimed send)' : '') + '.' : '') +
  (summary['nodemailer-dkim'] || summary['paper-digest-dkim']
    ? ' DKIM on = rsa-sha256, relaxed/relaxed, one 2048-bit key for both signed rows.' : '') +
  (meta.mode === 'smoke' ? ' **Smoke run: numbers mean nothing.**' : ''));
out.push('');
const head = ['sender'];
for (const c of cs) head.push(`C=${c} msgs/s`, `C=${c} CPU s`, `C=${c} CPU ms/msg`, `C=${c} RSS MB`);
out.push(`| ${head.join(' | ')} |`);
out.push(`| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
for (const s of senders) {
  const row = [LABELS[s] || s];
  for (const c of cs) {
    const cell = summary[s][c];
    if (!cell) { row.push('–', '–', '–', '–'); continue; }
    if (cell.ok_runs === 0) { row.push(`failed (${cell.errors[0]})`, '–', '–', '–'); continue; }
    const m = cell.msgs_per_s;
    let r = `${rate(m.median)}`;
    if (cell.ok_runs > 1) r += ` [${rate(m.min)}–${rate(m.max)}]`;
    if (cell.ok_runs < cell.runs) r += ` (${cell.runs - cell.ok_runs} of ${cell.runs} runs failed)`;
    row.push(r, fmt(cell.cpu_s, cell.cpu_s < 1 ? 2 : 1), fmt(cell.cpu_ms_per_msg, 2), fmt(cell.peak_rss_mb));
  }
  out.push(`| ${row.join(' | ')} |`);
}
if (summary['jakarta-nagle']) {
  const parts = cs.filter((c) => summary['jakarta-nagle'][c] && summary['jakarta-nagle'][c].in_process_msgs_per_s)
    .map((c) => {
      const r = summary['jakarta-nagle'][c].in_process_msgs_per_s;
      return `C=${c}: ${fmt(r, 1)} msgs/s, ${fmt((1000 * c) / r, 0)} ms per message per connection`;
    });
  if (parts.length) {
    out.push('');
    out.push(`Default sockets (Nagle on), timed inside the process: ${parts.join('; ')}.`);
  }
}
if (meta.paper_digest.skipped) {
  out.push('');
  out.push(meta.paper_digest.skipped);
}

// Ratios and targets.
const med = (s, c) => (summary[s] && summary[s][c] && summary[s][c].ok_runs ? summary[s][c].msgs_per_s.median : null);
const ratios = {};
const targets = [];
const ratio = (a, b, c) => {
  const x = med(a, c);
  const y = med(b, c);
  return x !== null && y ? x / y : null;
};
const ratioRow = (label, a, b, into) => {
  const row = [label];
  for (const c of cs) {
    const r = ratio(a, b, c);
    if (into) into[c] = r;
    row.push(r === null ? '–' : `${r.toFixed(2)}×`);
  }
  out.push(`| ${row.join(' | ')} |`);
};
if (summary['paper-digest']) {
  out.push('');
  out.push('paper-digest ÷ each sender (median msgs/s):');
  out.push('');
  out.push(`| paper-digest ÷ | ${cs.map((c) => `C=${c}`).join(' | ')} |`);
  out.push(`| --- | ${cs.map(() => '---:').join(' | ')} |`);
  for (const s of ['smtp-source', 'nodemailer', 'jakarta', 'sjm']) {
    if (!summary[s]) continue;
    ratios[s] = {};
    ratioRow(s === 'smtp-source' ? 'smtp-source (ceiling)' : LABELS[s], 'paper-digest', s, ratios[s]);
  }
  const check = (what, value, goal) => {
    if (value === null || value === undefined) return;
    const pass = value >= goal;
    targets.push({ what, value, goal, pass });
  };
  for (const c of [4, 8]) check(`≥ 1.5× nodemailer pooled at C=${c}`, ratios.nodemailer && ratios.nodemailer[c], 1.5);
  check('≥ 0.35× the smtp-source ceiling at C=8 (moonshot 0.5×)', ratios['smtp-source'] && ratios['smtp-source'][8], 0.35);
  for (const c of cs) {
    const pd = summary['paper-digest'][c];
    const nm = summary.nodemailer && summary.nodemailer[c];
    if (pd && nm && pd.peak_rss_mb && nm.peak_rss_mb) {
      const v = pd.peak_rss_mb / nm.peak_rss_mb;
      targets.push({ what: `peak RSS ≤ 2× nodemailer's at C=${c}`, value: v, goal: 2, pass: v <= 2 });
    }
  }
  if (targets.length) {
    out.push('');
    out.push(`Targets of issue 6 (meant for N = 20,000${meta.n !== 20000 ? `; this run: N = ${fmt(meta.n)}` : ''}):`);
    out.push('');
    for (const t of targets) out.push(`- ${t.pass ? 'met' : 'NOT met'}: ${t.what} — ${t.value.toFixed(2)}×`);
  }
}

// Signed sends (issue 16): paper-digest with DKIM on next to nodemailer with DKIM on and to itself unsigned.
const signedTargets = [];
if (summary['paper-digest-dkim']) {
  out.push('');
  out.push('Signed: paper-digest with DKIM on ÷ (median msgs/s):');
  out.push('');
  out.push(`| paper-digest, DKIM on ÷ | ${cs.map((c) => `C=${c}`).join(' | ')} |`);
  out.push(`| --- | ${cs.map(() => '---:').join(' | ')} |`);
  const rows = [['nodemailer-dkim', LABELS['nodemailer-dkim']], ['paper-digest', 'paper-digest unsigned'],
    ['smtp-source', 'smtp-source (ceiling)']];
  for (const [s, label] of rows) {
    if (!summary[s]) continue;
    ratios[`paper-digest-dkim/${s}`] = {};
    ratioRow(label, 'paper-digest-dkim', s, ratios[`paper-digest-dkim/${s}`]);
  }
}
{
  const at = (key, c) => ratios[key] && ratios[key][c];
  const push = (what, value, goal, atMost) => {
    if (value === null || value === undefined) return;
    signedTargets.push({ what, value, goal, pass: atMost ? value <= goal : value >= goal });
  };
  for (const c of [4, 8]) push(`signed paper-digest ≥ 3× signed nodemailer at C=${c}`, at('paper-digest-dkim/nodemailer-dkim', c), 3);
  push('signed ≥ 0.8× unsigned paper-digest at C=4', at('paper-digest-dkim/paper-digest', 4), 0.8);
  push('unsigned paper-digest ≥ 0.6× the smtp-source ceiling at C=8', at('smtp-source', 8), 0.6);
  for (const [pd, nm] of [['paper-digest', 'nodemailer'], ['paper-digest-dkim', 'nodemailer-dkim']]) {
    for (const c of cs) {
      const a = summary[pd] && summary[pd][c];
      const b = summary[nm] && summary[nm][c];
      if (a && b && a.peak_rss_mb && b.peak_rss_mb) {
        push(`peak RSS of ${pd} ≤ 1.5× ${nm}'s at C=${c}`, a.peak_rss_mb / b.peak_rss_mb, 1.5, true);
      }
    }
  }
  if (signedTargets.length) {
    out.push('');
    out.push(`Targets of issue 16 (meant for N = 20,000${meta.n !== 20000 ? `; this run: N = ${fmt(meta.n)}` : ''}):`);
    out.push('');
    for (const t of signedTargets) out.push(`- ${t.pass ? 'met' : 'NOT met'}: ${t.what} — ${t.value.toFixed(2)}×`);
  }
}

// Message shapes.
if (meta.message_shapes && meta.message_shapes.length) {
  out.push('');
  out.push('One message from each sender, as the sink received it:');
  out.push('');
  out.push('| sender | bytes on the wire | top-level type | text + html | UTF-8 | List-Unsubscribe (+Post) | DKIM-Signature |');
  out.push('| --- | ---: | --- | --- | --- | --- | --- |');
  const yes = (b) => (b ? 'yes' : 'NO');
  for (const m of meta.message_shapes) {
    out.push(`| ${m.sender} | ${fmt(m.wire_bytes)} | ${m.content_type} | ${yes(m.has_text_part && m.has_html_part)} | ` +
      `${yes(m.utf8)} | ${yes(m.list_unsubscribe)} (${yes(m.list_unsubscribe_post)}) | ` +
      `${m.dkim ? `yes (${m.dkim_algorithm})` : 'no'} |`);
  }
}

// Connection reuse: the sink counts sessions.
const reuse = [];
for (const s of senders) for (const c of cs) {
  const cell = summary[s][c];
  if (cell && cell.connections !== null && cell.connections > c + 1) reuse.push(`${s} at C=${c} opened ${cell.connections} connections`);
}
if (reuse.length) {
  out.push('');
  out.push(`Note: more connections than C: ${reuse.join('; ')}.` +
    (reuse.some((r) => r.startsWith('paper-digest'))
      ? ' paper-digest closes a connection after SMTP_MAX_MESSAGES_PER_CONNECTION messages (1,000 by default) and opens a new one,' +
        ' so N = 20,000 takes at least 20.'
      : ''));
}

const md = out.join('\n') + '\n';
process.stdout.write('\n' + md);
fs.writeFileSync(outMd, md);
fs.writeFileSync(outJson, JSON.stringify({ meta, summary, ratios, targets, signed_targets: signedTargets, measurements: raw }, null, 2) + '\n');
