#!/usr/bin/env node
/**
 * The `cdk8s-expose` binary: `cdk8s-expose lint [options] <file|folder|->...`.
 * See lint-command.ts and the README section "On the command line".
 */
import * as fs from 'fs';
import { runCli } from './lint-command';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
  readStdin: () => fs.readFileSync(0, 'utf8'),
});
