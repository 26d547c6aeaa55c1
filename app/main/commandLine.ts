/**
 * The capture named on the command line: `electron . FILE` in development (argv: electron, app path, FILE)
 * or `sipladder FILE` when packaged (argv: exe, FILE). Chromium and Electron switches are skipped.
 */
export function captureFromArgv(argv: readonly string[], packaged: boolean): string | undefined {
  const rest = argv.slice(packaged ? 1 : 2);
  return rest.find((a) => !a.startsWith('-') && a.length > 0 && a.length <= 4096 && !a.includes('\0'));
}
