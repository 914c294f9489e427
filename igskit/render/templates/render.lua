-- igskit's embedded renderer: put the nota together from its chapters, write the asked formats.
--
-- Run as `pandoc lua render.lua JOB.json [bewaar] html=nota.html docx=nota.docx typst=nota.typ`
-- in the build folder. JOB.json (written by igskit/render/embedded.py) names the metadata file and the
-- chapters in order; a chapter is either Markdown to parse or the pandoc AST (JSON) saved when
-- the same Markdown was parsed before, so a chapter that did not change is never parsed again.
-- With `bewaar`, this process saves the AST of every chapter it parsed for the next run.
--
-- Options are those of the command line igskit used before: `--toc --number-sections`, html5
-- standalone with nota.css, docx with reference.docx, typst with nota-sjabloon.typ. igskit
-- embeds the CSS and figures into the HTML afterwards.

local function slurp(path)
  local handle = assert(io.open(path, 'rb'))
  local content = handle:read('a')
  handle:close()
  return content
end

local function spit(path, content)
  local temporary = path .. '.deel'
  local handle = assert(io.open(temporary, 'wb'))
  handle:write(content)
  handle:close()
  os.remove(path) -- rename does not replace a file on Windows
  assert(os.rename(temporary, path))
end

local job = pandoc.json.decode(slurp(assert(arg[1], 'gebruik: pandoc lua render.lua JOB.json ...')), false)
local save = false
local outputs = {}
for i = 2, #arg do
  if arg[i] == 'bewaar' then
    save = true
  else
    local format, output = arg[i]:match('^(%w+)=(.+)$')
    table.insert(outputs, { format = assert(format, 'onbekend argument: ' .. arg[i]), path = output })
  end
end

-- 72 columns is pandoc's command-line default; it decides when pipe tables get relative widths
local reader_options = { columns = 72 }
-- Text from a params file is data, never markup (igskit escapes it before it gets here). As a
-- second wall, the chapters are read without the extensions that let Markdown carry raw
-- content: raw HTML/TeX, raw attributes (`x`{=typst}), citations (@naam), TeX math ($x$).
-- igskit's own Markdown needs none of them: cross-references are links by now, and fenced
-- divs, header and image attributes stay on.
local CHAPTER_FORMAT = 'markdown-raw_html-raw_attribute-raw_tex-tex_math_dollars-citations'
  .. '-latex_macros-markdown_in_html_blocks-native_divs-native_spans'
local blocks = pandoc.Blocks({})
for _, chapter in ipairs(job.chapters) do
  local part
  if chapter.markdown then
    part = pandoc.read(slurp(chapter.markdown), CHAPTER_FORMAT, reader_options)
    if save then
      spit(chapter.ast, pandoc.write(part, 'json'))
    end
  else
    part = pandoc.read(slurp(chapter.ast), 'json')
  end
  blocks:extend(part.blocks)
end
local doc = pandoc.Pandoc(blocks, pandoc.read(slurp(job.meta), CHAPTER_FORMAT, reader_options).meta)

-- Nothing live reaches a document: no raw content, links only to the web, mail or inside the
-- nota, images only igskit's own figures, no event-handler or style attributes.
local SAFE_LINK = { '^https?://', '^mailto:', '^#' }
local FIGURE = '^figuren/[%w_%-]+[%w_%.%-]*%.png$'

local function safe_link(target)
  for _, pattern in ipairs(SAFE_LINK) do
    if target:lower():match(pattern) then
      return true
    end
  end
  return false
end

local function safe_attributes(element)
  if element.attributes == nil then
    return nil
  end
  local changed = false
  for key, _ in pairs(element.attributes) do
    local name = key:lower()
    if name:match('^on') or name == 'style' or name == 'src' or name == 'href' or name == 'srcdoc' then
      element.attributes[key] = nil
      changed = true
    end
  end
  return changed and element or nil
end

local function drop()
  return {}
end

local function figure_image(image)
  return image.src:match(FIGURE) and not image.src:find('..', 1, true)
end

doc = doc:walk({
  RawInline = drop,
  RawBlock = drop,
  Link = function(link)
    if not safe_link(link.target) then
      return link.content
    end
    return safe_attributes(link)
  end,
  Image = function(image)
    if not figure_image(image) then
      return image.caption
    end
    return safe_attributes(image)
  end,
  Span = safe_attributes,
  Div = safe_attributes,
  Header = safe_attributes,
  Code = safe_attributes,
  CodeBlock = safe_attributes,
  Table = safe_attributes,
  Figure = function(figure)
    return safe_attributes(figure)
  end,
})

-- Chapters are parsed one by one, so a heading id made from its text can repeat across them;
-- number the repeats as pandoc does within one document ("opmerkingen", "opmerkingen-1").
local seen = {}
doc = doc:walk({
  Header = function(header)
    local id = header.identifier
    if id == '' then
      return nil
    end
    if seen[id] then
      local n, candidate = seen[id], nil
      repeat
        candidate = id .. '-' .. n
        n = n + 1
      until not seen[candidate]
      seen[id] = n
      seen[candidate] = 1
      header.identifier = candidate
      return header
    end
    seen[id] = 1
    return nil
  end,
})

local function template(name, path)
  if path then
    return pandoc.template.compile(slurp(path), path)
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
    -- pandoc's typst writer leaves the shorthands "..." (ellipsis) and "-?" (soft hyphen) as they
    -- are; typst would not show the text literally, so their dots and question marks are escaped
    local literal = doc:walk({
      Str = function(str)
        if not (str.text:find('..', 1, true) or str.text:find('-?', 1, true)) then
          return nil
        end
        local inlines, start = pandoc.Inlines({}), 1
        while true do
          local at = str.text:find('[.?]', start)
          local piece = at and str.text:sub(start, at - 1) or str.text:sub(start)
          if piece ~= '' then
            inlines:insert(pandoc.Str(piece))
          end
          if at == nil then
            return inlines
          end
          inlines:insert(pandoc.RawInline('typst', '\\' .. str.text:sub(at, at)))
          start = at + 1
        end
      end,
    })
    return pandoc.write(literal, 'typst', {
      template = template('typst', 'nota-sjabloon.typ'), table_of_contents = true, number_sections = true,
    })
  end,
}

for _, output in ipairs(outputs) do
  local write = assert(writers[output.format], 'onbekend formaat: ' .. output.format)
  spit(output.path, write())
end
