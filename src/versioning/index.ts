export { definePrompt, toVersionRef, type Prompt } from './define-prompt.js'
export { gitInfo, type GitInfo } from './git-info.js'
export { modelRef } from './model-ref.js'
