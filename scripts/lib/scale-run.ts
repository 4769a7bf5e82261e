/** What the scale scripts (bulk-scale, rotate-scale, health-scale) share: their arguments and their log. */

/** `--name N` on the command line, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number.parseInt(process.argv[i + 1]!, 10) : fallback;
}

/** `--extension DIR`: a copy of the build, so that a long run goes on while the tree is built again. */
export const EXTENSION_ARG: string | undefined = process.argv.includes('--extension') ? process.argv[process.argv.indexOf('--extension') + 1] : undefined;

/** A line with the seconds since the script started before it. */
export function timedLog(): (line: string) => void {
  const started = Date.now();
  return (line) => console.log(`${`${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(8)}  ${line}`);
}

/** Runs the script's main: an error is printed and the process exits 1, so a failed run is never read as a pass. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
