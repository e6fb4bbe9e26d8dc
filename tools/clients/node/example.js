#!/usr/bin/env node
'use strict';
// Example use of the Node client: list products, get a record, sync.
//
//   (cd tools/clients/node && npm ci)
//   node tools/clients/node/example.js [--ca-file F] [--token-file F] \
//        127.0.0.1:50051 products|get <ca_request_id>|sync

const ssc = require('./connector_client');

async function main(argv) {
  const options = {};
  while (argv[0] && argv[0].startsWith('--')) {
    const [flag, value] = argv.splice(0, 2);
    if (flag === '--ca-file') options.caFile = value;
    else if (flag === '--token-file') {
      options.bearerToken = ssc.readTokenFile(value);
    } else throw new Error(`unknown flag ${flag}`);
  }
  const [target, command, argument] = argv;
  if (!target || !['products', 'get', 'sync'].includes(command)) {
    throw new Error('usage: example.js [--ca-file F] [--token-file F] ' +
        'HOST:PORT products|get <ca_request_id>|sync');
  }
  const client = ssc.connect(target, options);
  try {
    if (command === 'products') {
      const {products} = await ssc.unary(client, 'ListProducts', {});
      for (const p of products) {
        console.log(`${p.code.padEnd(40)} ${p.vendor.padEnd(10)} ${p.name}`);
      }
    } else if (command === 'get') {
      const {record} = await ssc.unary(client, 'GetCertificate',
          {ca_request_id: argument});
      console.log(`${record.ca_request_id} ${record.status} ` +
          `${record.common_name}`);
      process.stdout.write(record.certificate_pem);
    } else {
      for await (const message of client.SyncCertificates({full_sync: true})) {
        if (message.event === 'record') {
          const r = message.record;
          console.log(`${r.ca_request_id} ${r.status} ${r.common_name}`);
        } else if (message.event === 'skipped') {
          console.log(`skipped ${message.skipped.ca_request_id}: ` +
              message.skipped.reason);
        } else if (message.event === 'summary') {
          console.log(`summary: ${JSON.stringify(message.summary)}`);
        }
      }
    }
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error.details ? `${error.code}: ${error.details}` :
      error.message);
  process.exit(1);
});
