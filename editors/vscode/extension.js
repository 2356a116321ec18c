// The VS Code extension for glossa: starts `glossa lsp` over stdio for Markdown, plain text and
// LaTeX documents. All the work (hover, completion, diagnostics, quick fixes) is the server's; this
// file only finds the binary, starts the client, and restarts it when the `glossa.path` setting
// changes.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const LANGUAGES = ['markdown', 'plaintext', 'latex'];

/** @type {LanguageClient | undefined} */
let client;

function binaryPath() {
  const configured = vscode.workspace.getConfiguration('glossa').get('path', 'glossa');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'glossa';
}

function createClient() {
  const serverOptions = { command: binaryPath(), args: ['lsp'] };
  const documentSelector = [];
  for (const language of LANGUAGES) {
    documentSelector.push({ scheme: 'file', language });
    documentSelector.push({ scheme: 'untitled', language });
  }
  const clientOptions = { documentSelector };
  // The id 'glossa' makes the `glossa.trace.server` setting apply to this client.
  return new LanguageClient('glossa', 'glossa', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    vscode.window.showErrorMessage(
      `glossa: could not start \`${binaryPath()} lsp\` (${message}). ` +
        'Install glossa or set "glossa.path".'
    );
  }
}

async function stop() {
  if (client === undefined) {
    return;
  }
  const running = client;
  client = undefined;
  try {
    await running.stop();
  } catch (_) {
    // A client that never started cannot be stopped; nothing is left to clean up.
  }
}

async function restart() {
  await stop();
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('glossa.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('glossa.path')) {
        restart();
      }
    })
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
