#!/usr/bin/env node
// Reads one message dumped by `smtp-sink -d` and prints its size on the wire and
// shape as one JSON line, to check that every sender sends a comparable message.
// usage: node msgshape.js SENDER DUMPFILE
'use strict';
const fs = require('fs');
const [sender, file] = process.argv.slice(2);
let lines = fs.readFileSync(file, 'latin1').split('\n');
// smtp-sink prepends X-Client-Addr/X-Client-Proto/X-Helo-Args/X-Mail-Args/X-Rcpt-Args
// and a Received: header (with continuation lines); drop them.
let i = 0;
while (i < lines.length && /^X-(Client|Helo|Mail|Rcpt)[A-Za-z-]*:/.test(lines[i])) i++;
if (i < lines.length && /^Received:/.test(lines[i])) {
  i++;
  while (i < lines.length && /^[ \t]/.test(lines[i])) i++;
}
lines = lines.slice(i);
while (lines.length && lines[lines.length - 1] === '') lines.pop();
const wire = lines.reduce((a, l) => a + l.replace(/\r$/, '').length + 2, 0);
const headerEnd = lines.indexOf('') >= 0 ? lines.indexOf('') : lines.findIndex((l) => l === '\r');
const head = lines.slice(0, headerEnd).join('\n').replace(/\n[ \t]+/g, ' ');
const header = (name) => {
  const m = head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
  return m ? m[1].trim() : null;
};
const body = lines.slice(headerEnd + 1).join('\n');
const out = {
  sender,
  wire_bytes: wire,
  content_type: (header('Content-Type') || '').split(';')[0].toLowerCase() || null,
  has_text_part: /Content-Type:\s*text\/plain/i.test(body),
  has_html_part: /Content-Type:\s*text\/html/i.test(body),
  utf8: /charset="?utf-8/i.test(body),
  list_unsubscribe: header('List-Unsubscribe') !== null,
  list_unsubscribe_post: header('List-Unsubscribe-Post') !== null,
  dkim: header('DKIM-Signature') !== null,
  dkim_algorithm: ((header('DKIM-Signature') || '').match(/(?:^|;)\s*a=([^;\s]+)/) || [])[1] || null,
  message_id: header('Message-ID') !== null,
  to: header('To'),
};
console.log(JSON.stringify(out));
