#!/usr/bin/env node
import { commands } from './commands.js'
import { main } from './main.js'
import { guardProcess } from './process-guards.js'

guardProcess(process, process.argv)
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }
process.exitCode = await main(process.argv.slice(2), io, commands)
