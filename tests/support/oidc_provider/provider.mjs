// A real OpenID Connect provider (npm oidc-provider) on loopback, for the single sign-on tests only.
//
//   node provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// Authorization code flow with PKCE required, ID tokens signed RS256 with a key made at start.
// The login page is ours and minimal: POST /interaction/:uid with `login` (the account id) signs that
// account in and grants the requested scopes. Each account's `nip` claim is its login, unless the
// account is `tanpa-nip` (no nip claim at all). The `nip` claim comes with the `nip` scope.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['berkas-asn-test-cookie-key'] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'nip'],
  claims: { openid: ['sub'], profile: ['name'], nip: ['nip'] },
  features: { devInteractions: { enabled: false } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const claims = { sub: id, name: `Akun ${id}` };
        if (id !== 'tanpa-nip') claims.nip = id;
        return claims;
      },
    };
  },
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    if (req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(`<form method="post" action="/interaction/${details.uid}"><input name="login"><button>Masuk</button></form>`);
        return;
      }
      const { login } = await readForm(req);
      const accountId = details.session?.accountId || login;
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  } catch (err) {
    res.statusCode = 500;
    res.end(String(err));
  }
});
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
