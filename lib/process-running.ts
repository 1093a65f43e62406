// Whether a process id names a running process (Linux and macOS: signal 0 checks without sending).
// Used to tell a folder's live owner from one left behind by a killed run (the data folder's lock,
// the import's words folders).

export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
