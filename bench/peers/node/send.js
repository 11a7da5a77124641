#!/usr/bin/env node
// Benchmark peer for bench/run.sh: nodemailer's pooled SMTP transport.
// Sends N personalised multipart/alternative messages (same templates, headers and
// token scheme as the Java peers in ../java) over C reused connections and prints
// one JSON line: {"sent":…,"failed":…,"seconds":…}.
//
// With --dkim-key, every message is DKIM-signed by nodemailer's own `dkim` transport
// option (rsa-sha256, relaxed/relaxed), with the PEM key given.
//
// usage: node send.js --port P [--host H] --n N --c C [--fixtures DIR]
//                     [--dkim-key PEM --dkim-domain D --dkim-selector S]
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const nodemailer = require('nodemailer');

function parseArgs(argv) {
  const a = { host: '127.0.0.1', port: 2525, n: 1000, c: 1, fixtures: path.join(__dirname, '..', '..', 'fixtures'),
    dkimKey: null, dkimDomain: 'example.org', dkimSelector: 'bench' };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i];
    const v = argv[i + 1];
    if (v === undefined) usage(`missing value for ${k}`);
    switch (k) {
      case '--host': a.host = v; break;
      case '--port': a.port = Number(v); break;
      case '--n': a.n = Number(v); break;
      case '--c': a.c = Number(v); break;
      case '--fixtures': a.fixtures = v; break;
      case '--dkim-key': a.dkimKey = v; break;
      case '--dkim-domain': a.dkimDomain = v; break;
      case '--dkim-selector': a.dkimSelector = v; break;
      default: usage(`unknown option ${k}`);
    }
  }
  if (!(a.n >= 1 && a.c >= 1 && a.port > 0)) usage('--n, --c and --port must be positive');
  return a;
}

function usage(why) {
  process.stderr.write(`send.js: ${why}\nusage: node send.js --port P [--host H] --n N --c C [--fixtures DIR]` +
    ` [--dkim-key PEM --dkim-domain D --dkim-selector S]\n`);
  process.exit(2);
}

const FROM = { name: 'ML Digest', address: 'digest@example.org' };
const SUBJECT = 'Best of 2019 in machine learning — issue 1';
const LIST_ID = 'ML Digest <digest.example.org>';
const SECRET = 'bench-secret';

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const textTemplate = fs.readFileSync(path.join(a.fixtures, 'digest.txt'), 'utf8');
  const htmlTemplate = fs.readFileSync(path.join(a.fixtures, 'digest.html'), 'utf8');

  const transporter = nodemailer.createTransport({
    host: a.host,
    port: a.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: a.c,
    maxMessages: Infinity,
    connectionTimeout: 10000,
    socketTimeout: 60000,
    ...(a.dkimKey ? {
      dkim: { domainName: a.dkimDomain, keySelector: a.dkimSelector, privateKey: fs.readFileSync(a.dkimKey, 'utf8') },
    } : {}),
  });

  function message(i) {
    const email = `user${i}@example.org`;
    const name = `User ${i}`;
    const sig = crypto.createHmac('sha256', SECRET).update(`unsubscribe:${email}`).digest('base64url');
    const token = `${i}.${sig}`;
    const unsubscribeUrl = `https://digest.example.org/unsubscribe/${token}`;
    const fill = (t) => t.replaceAll('{{name}}', name).replaceAll('{{email}}', email)
      .replaceAll('{{unsubscribe_url}}', unsubscribeUrl);
    return {
      from: FROM,
      to: { name, address: email },
      subject: SUBJECT,
      text: fill(textTemplate),
      html: fill(htmlTemplate),
      headers: {
        'List-Id': LIST_ID,
        'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:unsubscribe@digest.example.org?subject=unsubscribe%20${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  const errors = [];
  let sent = 0;
  let next = 0;
  const t0 = process.hrtime.bigint();
  // Keep 2*C messages in flight: enough to keep every pooled connection busy
  // without building all N messages up front.
  async function lane() {
    while (next < a.n) {
      const i = next++;
      try {
        await transporter.sendMail(message(i));
        sent++;
      } catch (e) {
        if (errors.length < 5) errors.push(String(e));
      }
    }
  }
  await Promise.all(Array.from({ length: 2 * a.c }, lane));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  transporter.close();
  process.stdout.write(JSON.stringify({
    sent, failed: a.n - sent, seconds: Number(seconds.toFixed(3)), peer: 'nodemailer', c: a.c, dkim: !!a.dkimKey, errors,
  }) + '\n');
  process.exit(sent === a.n ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`send.js: ${e && e.stack || e}\n`);
  process.exit(1);
});
