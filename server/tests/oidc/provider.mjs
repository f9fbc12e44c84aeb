// A real OpenID Connect provider for the server's login test: panva's oidc-provider with its
// development login and consent screens (any login name is accepted). Accounts' groups:
// `rita` is in `sociale-agenda-review`, `root` in `sb-admins`, everyone else in none.
//
//   node provider.mjs PORT REDIRECT_URI
// Prints "ready" when it listens on 127.0.0.1:PORT.

import Provider from "oidc-provider";

const [port, redirect] = process.argv.slice(2);
const groups = { rita: ["sociale-agenda-review"], root: ["sb-admins"] };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "sociale-bril",
      client_secret: "test-secret-not-used-elsewhere",
      redirect_uris: [redirect],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: {
    openid: ["sub"],
    profile: ["name", "groups"],
    email: ["email", "email_verified"],
  },
  // The claims in the ID token itself, as many organisations' providers send groups.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["test-cookie-key-not-used-elsewhere"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: `${id[0].toUpperCase()}${id.slice(1)} Tester`,
          email: `${id}@example.org`,
          email_verified: true,
          groups: groups[id] ?? [],
        };
      },
    };
  },
});
// The development screens warn on every start; the test reads only "ready".
provider.on("server_error", (_ctx, err) => console.error(err));
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
