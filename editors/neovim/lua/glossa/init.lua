-- glossa for Neovim: starts `glossa lsp` for Markdown, plain text and TeX buffers.
--
-- Neovim >= 0.8 uses vim.lsp.start(), which reuses one client per (name, root_dir). Neovim 0.7
-- has no vim.lsp.start(), so the same reuse is done here with vim.lsp.start_client() and
-- vim.lsp.buf_attach_client(). The root is the nearest folder holding glossa.toml (or .git),
-- else the buffer's folder: the server finds glossa.toml itself by walking up from each file.

local M = {}

M.defaults = {
  -- The command that starts the server; `cmd[1]` may be a full path.
  cmd = { 'glossa', 'lsp' },
  -- Filetypes the server attaches to.
  filetypes = { 'markdown', 'text', 'tex', 'plaintex' },
  -- Files or folders that mark a project root, nearest first.
  root_markers = { 'glossa.toml', '.git' },
  -- Passed to the client as-is (e.g. on_attach = function(client, bufnr) ... end).
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(M.defaults)

-- Neovim 0.7 fallback: client ids by root folder, so buffers of one project share a server.
local clients_by_root = {}

local function dirname(path)
  return vim.fn.fnamemodify(path, ':h')
end

local function find_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and dirname(vim.fn.fnamemodify(name, ':p')) or vim.fn.getcwd()
  local dir = start
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function client_config(root)
  return {
    name = 'glossa',
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = M.config.on_attach,
    capabilities = M.config.capabilities or vim.lsp.protocol.make_client_capabilities(),
  }
end

--- Starts (or reuses) the glossa client for `bufnr` and attaches it. Returns the client id.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    vim.notify('glossa: `' .. M.config.cmd[1] .. '` is not executable; set cmd in setup()', vim.log.levels.WARN)
    return nil
  end
  local root = find_root(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(client_config(root))
    if id == nil then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Registers the FileType autocommand. Call once from your config: require('glossa').setup({}).
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup('glossa', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
