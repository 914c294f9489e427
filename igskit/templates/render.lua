-- igskit's embedded renderer: read the nota's Markdown once, write every asked format.
--
-- Run as `pandoc lua render.lua nota.md html=nota.html docx=nota.docx typst=nota.typ` in the
-- build folder. One pandoc process instead of one per format: the Markdown is parsed once and
-- pandoc starts once. Options are those of the command line igskit used before:
-- `--toc --number-sections`, html5 standalone with nota.css, docx with reference.docx, typst
-- with the nota-sjabloon.typ template. igskit embeds the CSS and figures into the HTML afterwards.

local source = assert(arg[1], 'gebruik: pandoc lua render.lua BRON.md formaat=uitvoer ...')
local file = assert(io.open(source, 'r'))
local text = file:read('a')
file:close()

-- 72 columns is pandoc's command-line default; it decides when pipe tables get relative widths
local doc = pandoc.read(text, 'markdown', { columns = 72 })

local function template(name, path)
  if path then
    local handle = assert(io.open(path, 'r'))
    local content = handle:read('a')
    handle:close()
    return pandoc.template.compile(content, path)
  end
  return pandoc.template.compile(pandoc.template.default(name))
end

local writers = {
  html = function()
    return pandoc.write(doc, 'html5', {
      template = template('html5'), table_of_contents = true, number_sections = true,
      variables = { css = { 'nota.css' } },
    })
  end,
  docx = function()
    return pandoc.write(doc, 'docx', {
      table_of_contents = true, number_sections = true, reference_doc = 'reference.docx',
    })
  end,
  typst = function()
    return pandoc.write(doc, 'typst', {
      template = template('typst', 'nota-sjabloon.typ'), table_of_contents = true, number_sections = true,
    })
  end,
}

for i = 2, #arg do
  local format, output = arg[i]:match('^(%w+)=(.+)$')
  local write = assert(writers[format], 'onbekend formaat: ' .. tostring(arg[i]))
  local handle = assert(io.open(output, 'wb'))
  handle:write(write())
  handle:close()
end
