// Test harness only. Each test file drops its databases WITH (FORCE) at the end, which
// terminates any connection still open to them (57P01). node-postgres emits that on the
// client, and a client nobody listens to would crash the Jest worker inside whatever test
// file runs next. Such a termination at teardown is expected here; anything else is printed.
const pg = require('pg');

const connect = pg.Client.prototype.connect;
pg.Client.prototype.connect = function patchedConnect(...args) {
  if (!this.__tpmTeardownListener) {
    this.__tpmTeardownListener = true;
    this.on('error', (err) => {
      if (err && (err.code === '57P01' || /terminated/i.test(String(err.message)))) return;
      console.error('unexpected PostgreSQL client error in a test', err);
    });
  }
  return connect.apply(this, args);
};
