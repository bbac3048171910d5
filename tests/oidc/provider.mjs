// A real OpenID Connect provider for the browser tests: npm's `oidc-provider` (a
// certified implementation) on 127.0.0.1, started by `cargo xtask test` before the
// e2e suite's servers (see xtask/src/test.rs, `start_oidc_provider`).
//
// Its sign-in page is the package's development one, where any login and password
// work: the login becomes the person's subject (`sub`). One client, the Kring demo
// server: a native client's loopback redirect address matches on any port (RFC 8252),
// because the demo servers pick free ports after this provider has started.
//
// Prints `oidc-provider listening on http://127.0.0.1:PORT` when it is ready.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret] = ['kring-e2e', 'e2e-geheim-niet-voor-echt'];

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/api/v1/identity-providers/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  // Test-only signing of its cookies (nothing here is secret).
  cookies: { keys: ['kring-e2e-cookies'] },
});

server.on('request', provider.callback());
console.log(`oidc-provider listening on ${issuer}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
