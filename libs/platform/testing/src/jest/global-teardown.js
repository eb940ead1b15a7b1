// Stops what global-setup started and waits for it, so no process outlives the test run.
module.exports = async () => {
  await globalThis.__TPM_CONTAINERS__?.();
  const child = globalThis.__TPM_INFRA__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
};
