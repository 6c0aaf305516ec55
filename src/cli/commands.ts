import type { Command } from './cli-io.js'
import { evalCommand } from './eval.js'
import { exportCommand } from './export.js'
import { keygenCommand } from './keygen.js'
import { eraseCommand, retainCommand } from './retain.js'
import { initCommand } from './init.js'
import { mergeCommand } from './merge.js'
import { reportCommand } from './report.js'
import { rubricCommand } from './rubric.js'
import { scanCommand } from './scan.js'
import { verifyCommand } from './verify.js'

/** Every subcommand, listed once. Each lives in its own file. */
export const commands: readonly Command[] = [initCommand, evalCommand, scanCommand, verifyCommand, exportCommand, rubricCommand, mergeCommand, reportCommand, keygenCommand, retainCommand, eraseCommand]
