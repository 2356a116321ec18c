-- End-to-end test of `glossa lsp` with a real client: Neovim's built-in LSP client (0.7 API).
--
-- Run by run.sh, which makes the temporary project and passes its paths in the environment:
--   GLOSSA_BIN          the glossa binary under test
--   GLOSSA_E2E_DIR      the project folder (glossa.toml, glossary.toml, doc.md, plugin.md)
--   GLOSSA_E2E_RESULTS  file this script appends "PASS name" / "FAIL name: why" lines to
--   GLOSSA_E2E_PLUGIN   the repository's editors/neovim folder (its plugin is tested last)
-- Every wait is a vim.wait() with a timeout that only guards against a hang: a timeout is a
-- failure, never a pass. The script always ends Neovim: exit 0 when it ran to the end (each
-- check's verdict is in the results file), exit 3 when the script itself broke.

local bin = assert(os.getenv('GLOSSA_BIN'), 'GLOSSA_BIN is not set')
local dir = assert(os.getenv('GLOSSA_E2E_DIR'), 'GLOSSA_E2E_DIR is not set')
local results_path = assert(os.getenv('GLOSSA_E2E_RESULTS'), 'GLOSSA_E2E_RESULTS is not set')
local plugin_dir = os.getenv('GLOSSA_E2E_PLUGIN')

local WAIT_MS = 15000 -- guard for one server answer or one round of diagnostics
local results = assert(io.open(results_path, 'a'))

local function record(ok, name, why)
  if ok then
    results:write('PASS ', name, '\n')
  else
    results:write('FAIL ', name, ': ', why or 'no detail', '\n')
  end
  results:flush()
  return ok
end

local function show(value)
  return vim.inspect(value, { newline = ' ', indent = '' })
end

-- Finds `needle` (plain text) in the buffer: 0-based line and byte column, or nil.
local function locate(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  return nil
end

-- One request through the client; returns the result, or nil and why.
local function request(bufnr, client_id, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  if responses == nil then
    return nil, method .. ' got no response: ' .. tostring(err)
  end
  local response = responses[client_id]
  if response == nil then
    return nil, method .. ' got no response from the glossa client'
  end
  if response.err or response.error then
    return nil, method .. ' failed: ' .. show(response.err or response.error)
  end
  return response.result
end

-- Hover contents (MarkupContent, MarkedString or a list of them) as one string.
local function hover_text(contents)
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) ~= 'table' then
    return ''
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, hover_text(part))
  end
  return table.concat(parts, '\n')
end

local function glossa_diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'glossa' and (code == nil or d.code == code) then
      table.insert(found, d)
    end
  end
  return found
end

local function diagnostic_at(bufnr, code, lnum, col)
  for _, d in ipairs(glossa_diagnostics(bufnr, code)) do
    if d.lnum == lnum and d.col == col then
      return d
    end
  end
  return nil
end

local function run()
  local exit_code, exit_signal
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/doc.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'
  local uri = vim.uri_from_bufnr(bufnr)

  local client_id = vim.lsp.start_client({
    name = 'glossa',
    cmd = { bin, 'lsp' },
    root_dir = dir,
    flags = { debounce_text_changes = 0 },
    on_exit = function(code, signal)
      exit_code, exit_signal = code, signal
    end,
  })
  if not record(client_id ~= nil, 'client starts `glossa lsp`', 'vim.lsp.start_client returned nil') then
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local initialized = vim.wait(WAIT_MS, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return exit_code ~= nil or (client ~= nil and client.initialized == true)
  end, 20)
  if not record(initialized and exit_code == nil, 'server answers initialize',
      exit_code and ('server exited with code ' .. exit_code) or 'no initialize response') then
    return
  end

  -- Diagnostics: pushed after didOpen, a warning with the rule id on "finetuning" in prose.
  local line, col = locate(bufnr, 'Our finetuning')
  col = col + #'Our '
  local warned = vim.wait(WAIT_MS, function()
    return diagnostic_at(bufnr, 'deprecated-term', line, col) ~= nil
  end, 20)
  local warning = diagnostic_at(bufnr, 'deprecated-term', line, col)
  record(warned and warning.severity == vim.diagnostic.severity.WARN
      and warning.end_lnum == line and warning.end_col == col + #'finetuning',
    'diagnostic deprecated-term warns on "finetuning" at ' .. line .. ':' .. col,
    'glossa diagnostics: ' .. show(glossa_diagnostics(bufnr)))

  local fence_line = locate(bufnr, 'finetuning in a code block')
  local in_code = {}
  for _, d in ipairs(glossa_diagnostics(bufnr)) do
    if d.lnum == fence_line then
      table.insert(in_code, d)
    end
  end
  record(#in_code == 0, 'no diagnostic inside a fenced code block', show(in_code))

  -- Hover on the acronym with two senses: "We use SAM to segment the wafer images" is the
  -- segmentation model (issue 6: senses chosen by the document), and the hover says it chose.
  local sam_line, sam_col = locate(bufnr, 'SAM')
  local hover, hover_err = request(bufnr, client_id, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = sam_line, character = sam_col + 1 },
  })
  local text = hover and hover_text(hover.contents):lower() or ''
  record(text:find('segment anything model', 1, true) and not text:find('scanning acoustic microscopy', 1, true),
    'hover on "SAM" beside "segment ... images" shows the segmentation model', hover_err or ('hover: ' .. show(hover)))
  record(text:find('computer vision', 1, true) and text:find('chosen among 2 senses', 1, true),
    'hover on "SAM" shows the category and that it chose among 2 senses', hover_err or ('hover: ' .. show(hover)))

  -- Hover on the other sense: "The SAM scan of each package showed voids and delamination".
  local acoustic_line, acoustic_col = locate(bufnr, 'SAM scan')
  local acoustic, acoustic_err = request(bufnr, client_id, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = acoustic_line, character = acoustic_col + 1 },
  })
  local acoustic_text = acoustic and hover_text(acoustic.contents):lower() or ''
  record(acoustic_text:find('scanning acoustic microscopy', 1, true)
      and not acoustic_text:find('segment anything model', 1, true),
    'hover on "SAM" beside "voids and delamination" shows acoustic microscopy',
    acoustic_err or ('hover: ' .. show(acoustic)))

  -- Completion the way a user does it: type "sparse au" on a new prose line in insert mode,
  -- <C-x><C-o> (vim.lsp.omnifunc), the menu appears, <C-y> accepts the first item, <Esc>.
  -- The keys run with feedkeys 'x!' (insert mode is kept); a timer watches for the menu.
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  vim.o.completeopt = 'menuone,noinsert'
  local function keys(k, mode)
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), mode, false)
  end
  local menu
  local deadline = vim.loop.now() + WAIT_MS
  local function watch()
    if vim.fn.pumvisible() == 1 then
      menu = vim.fn.complete_info({ 'items', 'selected' })
      keys('<C-y><Esc>', 'n')
    elseif vim.loop.now() > deadline then
      keys('<Esc>', 'n')
    else
      vim.defer_fn(watch, 20)
    end
  end
  vim.defer_fn(watch, 20)
  keys('Go<CR>We train a sparse au<C-x><C-o>', 'x!')
  local words = {}
  for _, item in ipairs(menu and menu.items or {}) do
    table.insert(words, item.abbr)
  end
  record(menu ~= nil and words[1] == 'sparse autoencoder',
    'omnifunc menu after "sparse au" offers "sparse autoencoder" first', 'menu: ' .. show(words))
  local completed = vim.api.nvim_buf_get_lines(bufnr, -2, -1, false)[1]
  record(completed == 'We train a sparse autoencoder',
    '<C-y> completes the line to "We train a sparse autoencoder"', 'line is ' .. show(completed))

  -- Code action on the deprecated name: a "Replace" quick fix whose edit fixes the buffer.
  local actions, actions_err
  if warning then
    local lsp_range = {
      start = { line = line, character = col },
      ['end'] = { line = line, character = col + #'finetuning' },
    }
    actions, actions_err = request(bufnr, client_id, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = lsp_range,
      context = {
        diagnostics = {
          vim.tbl_extend('force', warning.user_data and warning.user_data.lsp or {}, {
            range = lsp_range,
            severity = 2,
            code = warning.code,
            source = warning.source,
            message = warning.message,
          }),
        },
      },
    })
  else
    actions_err = 'no deprecated-term diagnostic to act on'
  end
  local fix
  for _, action in ipairs(actions or {}) do
    local is_quickfix = action.kind == nil or vim.startswith(action.kind, 'quickfix')
    if fix == nil and is_quickfix and type(action.title) == 'string' and action.title:find('Replace', 1, true) then
      fix = action
    end
  end
  record(fix ~= nil, 'code action offers a "Replace" quick fix on "finetuning"',
    actions_err or ('actions: ' .. show(actions)))

  if fix then
    local client = vim.lsp.get_client_by_id(client_id)
    if fix.edit == nil and fix.data ~= nil then
      fix = request(bufnr, client_id, 'codeAction/resolve', fix) or fix
    end
    if fix.edit then
      vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
    elseif type(fix.command) == 'table' then
      -- A command-only action: the server applies its edit with workspace/applyEdit.
      request(bufnr, client_id, 'workspace/executeCommand', fix.command)
    elseif type(fix.command) == 'string' then
      request(bufnr, client_id, 'workspace/executeCommand', { command = fix.command, arguments = fix.arguments })
    end
    vim.wait(WAIT_MS, function()
      return vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]:find('fine-tuning', 1, true) ~= nil
    end, 20)
    local fixed = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
    record(fixed == 'Our fine-tuning recipe follows the paper.',
      'applying the quick fix makes the line say "fine-tuning"', 'line is now ' .. show(fixed))
    -- The edit goes to the server as didChange; fresh diagnostics drop the warning.
    local cleared = vim.wait(WAIT_MS, function()
      return diagnostic_at(bufnr, 'deprecated-term', line, col) == nil
    end, 20)
    record(cleared, 'the warning is gone after the fix (diagnostics pushed on change)',
      'glossa diagnostics: ' .. show(glossa_diagnostics(bufnr)))
  end

  -- Shutdown: shutdown request, exit notification, and the server process ends with code 0.
  vim.lsp.stop_client(client_id)
  local exited = vim.wait(WAIT_MS, function()
    return exit_code ~= nil
  end, 20)
  record(exited and exit_code == 0 and exit_signal == 0, 'server exits with code 0 after shutdown and exit',
    exited and ('code ' .. tostring(exit_code) .. ', signal ' .. tostring(exit_signal)) or 'still running')
  if not exited then
    vim.lsp.stop_client(client_id, true)
  end

  -- The editors/neovim plugin, on this Neovim (0.7: its vim.lsp.start_client fallback).
  if plugin_dir then
    vim.opt.runtimepath:append(plugin_dir)
    local glossa = require('glossa')
    glossa.setup({ cmd = { bin, 'lsp' } })
    vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/plugin.md'))
    local plugin_buf = vim.api.nvim_get_current_buf()
    vim.bo[plugin_buf].filetype = 'markdown' -- fires the plugin's FileType autocommand
    local plugin_line, plugin_col = locate(plugin_buf, 'finetuning')
    local attached = vim.wait(WAIT_MS, function()
      return diagnostic_at(plugin_buf, 'deprecated-term', plugin_line, plugin_col) ~= nil
    end, 20)
    local names = {}
    for _, client in pairs(vim.lsp.buf_get_clients(plugin_buf)) do
      table.insert(names, client.name)
    end
    record(attached, 'editors/neovim plugin attaches glossa and gets diagnostics',
      'clients ' .. show(names) .. ', diagnostics ' .. show(vim.diagnostic.get(plugin_buf)))
    for _, client in pairs(vim.lsp.buf_get_clients(plugin_buf)) do
      client.stop()
    end
    vim.wait(WAIT_MS, function()
      return #vim.lsp.get_active_clients() == 0
    end, 20)
  end
end

local ok, err = pcall(run)
if not ok then
  record(false, 'test script', tostring(err))
end
results:close()
vim.cmd(ok and 'qall!' or 'cquit 3')
