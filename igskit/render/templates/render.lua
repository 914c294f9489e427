-- igskit's embedded renderer: put the nota together from its chapters, write the asked formats.
--
-- Run as `pandoc lua render.lua JOB.json [bewaar] [omgekeerd] [editie=indien|werk] html=nota.html
-- docx=nota.docx typst=nota.typ ...` in the build folder. JOB.json (written by igskit/render/embedded.py) names the
-- metadata file and the chapters in order; a chapter is either Markdown to parse or the pandoc AST
-- (JSON) saved when the same Markdown was parsed before, so a chapter that did not change is never
-- parsed again. With `bewaar`, this process saves the AST of every chapter it parsed for the next run,
-- as prepared for the writers (made safe, tables in the house style, codes marked: `prepared`).
--
-- Two editions come from the one parse: `editie=indien` (the default) drops every
-- `::: {.content-visible when-profile="werkversie"}` div (checks, findings, params keys,
-- provenance), `editie=werk` keeps their content; each `format=file` after an `editie=` argument
-- is written in that edition. `editie=beide` (typst only) writes one source for both: each such
-- div becomes a block typst shows in one edition only (nota-sjabloon.typ), chosen when it compiles. This is Quarto's conditional content, so Quarto's
-- `--profile werkversie` gives the same two editions.
--
-- Every table gets the house table style here, once for all formats: no centred cells (default
-- alignment becomes left; right alignment comes from display.markdown_table's column types),
-- column widths that follow the content (so Word and LibreOffice lay a table out alike), and
-- codes such as SD1-OD2-A3 that never break over lines.
--
-- Options are those of the command line igskit used before: `--toc --number-sections`, html5
-- standalone with nota.css, docx with reference.docx, typst with nota-sjabloon.typ. igskit
-- embeds the CSS and figures into the HTML afterwards and finishes the DOCX (header, fields).

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

local function exists(path)
  local handle = io.open(path, 'rb')
  if handle then
    handle:close()
    return true
  end
  return false
end

local job = pandoc.json.decode(slurp(assert(arg[1], 'gebruik: pandoc lua render.lua JOB.json ...')), false)
local save = false
local reverse = false
local outputs = {}
local edition = 'indien'
for i = 2, #arg do
  if arg[i] == 'bewaar' then
    save = true
  elseif arg[i] == 'omgekeerd' then
    reverse = true
  else
    local format, output = arg[i]:match('^(%w+)=(.+)$')
    assert(format, 'onbekend argument: ' .. arg[i])
    if format == 'editie' then
      assert(output == 'indien' or output == 'werk' or output == 'beide', 'onbekende editie: ' .. output)
      edition = output
    else
      assert(edition ~= 'beide' or format == 'typst', 'editie=beide kan alleen typst schrijven')
      table.insert(outputs, { format = format, path = output, edition = edition })
    end
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

local safe_elements = {
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
}

-- --- editions ---------------------------------------------------------------------------------

local PROFILE = 'werkversie'

local function profile_div(div)
  if div.attributes['when-profile'] ~= PROFILE then
    return nil
  end
  if div.classes:includes('content-visible') then
    return 'visible'
  elseif div.classes:includes('content-hidden') then
    return 'hidden'
  end
  return nil
end

-- a profile div in the source of both editions: a block only the edition it belongs to shows
local function conditional_block(kind, div)
  local blocks = pandoc.Blocks({ pandoc.RawBlock('typst', kind == 'visible' and '#alleen-werkversie['
    or '#alleen-indienversie[') })
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock('typst', ']'))
  return blocks
end

local function edition_of(base, name)
  local working = name == 'werk'
  local result = base:walk({
    Div = function(div)
      local kind = profile_div(div)
      if kind == nil then
        return nil
      end
      if name == 'beide' then
        return conditional_block(kind, div)
      end
      if (kind == 'visible') == working then
        return div.content
      end
      return {}
    end,
  })
  result.meta.editie = name
  if working then
    result.meta.werkversie = true
  end
  return result
end

-- --- the house table style ------------------------------------------------------------------------

local NBHYPHEN = '\u{2011}'

-- the code at the start of `text` (SD1, SD1-OD2, SD1-OD2-A3), if any
local function code_at(text, start)
  local s, e = text:find('^SD%d+', start)
  if not s then
    return nil
  end
  local stop = e
  for _, part in ipairs({ '^%-OD%d+', '^%-A%d+' }) do
    local _, pe = text:find(part, stop + 1)
    if pe then
      stop = pe
    else
      break
    end
  end
  return stop
end

-- Three things in the text need each format's own treatment: codes that contain a hyphen and
-- hyphenated names (both kept on one line) and, for typst, the shorthands "..." and "-?" (written
-- literally). Visiting every Str costs a Lua call per word, so it is done once per process
-- (`mark_text`, after the table style): each code or name becomes a marker span, and each piece of
-- text with a shorthand another kind of marker span. Each writer then only visits the few marker
-- spans (`finish_marks`).
local CODE_MARK = 'igskit-markering-code'
local LITERAL_MARK = 'igskit-markering-letterlijk'
local NAME_MARK = 'igskit-markering-naam'
local NAME_TOKEN = 'igskit-markering-naamwoord'

-- The region's own gemeenten (metadata `gemeenten`, written by igskit), by name: a gemeente whose
-- name is one word (Kapelhoven, Bonheiden) is kept whole too, where a table would otherwise
-- hyphenate it. Filled from the job's metadata before any chapter is prepared.
local LISTED_NAMES = {}

-- A proper name kept on one line (a gemeente's name is read and searched whole): a hyphenated
-- one (Sint-Katelijne-Waver, Heist-op-den-Berg, Halle-Vilvoorde: its first and last part start with
-- a capital; a line never breaks at its hyphens) or one of the region's gemeenten. Returns the
-- start and end of each such name in `text`.
local function names_in(text)
  local found = {}
  if not text:find('%u') then
    return found
  end
  for s, run in text:gmatch("()([%w\128-\255'%-]+)") do
    local lead = #run:match('^%-*')
    local name = (run:sub(lead + 1):gsub('%-+$', ''))
    if (name:find('-', 1, true) and not name:find('--', 1, true) and name:find('^%u')
        and name:match('[^%-]*$'):find('^%u') and not name:find('^SD%d')) -- a code is no name
        or LISTED_NAMES[name] then
      table.insert(found, { s + lead, s + lead + #name - 1 })
    end
  end
  return found
end

local function literal_piece(text)
  if text:find('..', 1, true) or text:find('-?', 1, true) then
    return pandoc.Span(pandoc.Str(text), { class = LITERAL_MARK })
  end
  return pandoc.Str(text)
end

-- the names in `text` as marker spans, the rest as (literal) text
local function mark_names(text)
  local names = names_in(text)
  if #names == 0 then
    return nil
  end
  -- the whole word (with its punctuation) is one token, so the HTML's nowrap span holds all of it and
  -- its text reads as written; inside it each name is a marker (typst boxes it). The pieces around a
  -- name stay plain Str: `mark_text`, which runs afterwards, treats their shorthands
  local out, at = pandoc.List({}), 1
  for _, span in ipairs(names) do
    if span[1] > at then
      out:insert(pandoc.Str(text:sub(at, span[1] - 1)))
    end
    out:insert(pandoc.Span(pandoc.Str(text:sub(span[1], span[2])), { class = NAME_MARK }))
    at = span[2] + 1
  end
  if at <= #text then
    out:insert(pandoc.Str(text:sub(at)))
  end
  return pandoc.List({ pandoc.Span(out, { class = NAME_TOKEN }) })
end

local text_marks = {
  Str = function(str)
    local text = str.text
    if not text:find('SD%d+%-') then
      if text:find('..', 1, true) or text:find('-?', 1, true) then
        return literal_piece(text)
      end
      return nil
    end
    local out, plain, i = pandoc.List({}), '', 1
    while i <= #text do
      local stop = nil
      if text:sub(i, i + 1) == 'SD' and (i == 1 or not text:sub(i - 1, i - 1):match('[%w]')) then
        stop = code_at(text, i)
      end
      if stop and text:sub(i, stop):find('-', 1, true) then
        if plain ~= '' then
          out:insert(literal_piece(plain))
          plain = ''
        end
        out:insert(pandoc.Span(pandoc.Str(text:sub(i, stop)), { class = CODE_MARK }))
        i = stop + 1
      else
        plain = plain .. text:sub(i, i)
        i = i + 1
      end
    end
    if plain ~= '' then
      out:insert(literal_piece(plain))
    end
    return out
  end,
}

local function mark_text(source)
  return source:walk(text_marks)
end

-- typst: the dots and question marks of a shorthand are escaped
local function typst_literal(text)
  local inlines, start = pandoc.Inlines({}), 1
  while true do
    local at = text:find('[.?]', start)
    local piece = at and text:sub(start, at - 1) or text:sub(start)
    if piece ~= '' then
      inlines:insert(pandoc.Str(piece))
    end
    if at == nil then
      return inlines
    end
    inlines:insert(pandoc.RawInline('typst', '\\' .. text:sub(at, at)))
    start = at + 1
  end
end

-- the marker spans as each format writes them: a code on one line, a shorthand literally (typst)
local function finish_marks(format)
  return {
    Span = function(span)
      local kind = #span.classes == 1 and span.classes[1] or nil
      if kind == CODE_MARK or kind == NAME_MARK then
        -- typst: an unbreakable box; HTML: white-space: nowrap; Word: a code gets non-breaking hyphens
        -- (word.py writes them as w:noBreakHyphen, which Word and LibreOffice show and copy as "-"),
        -- a name keeps plain ones and its column's width keeps it whole
        local code = span.content[1].text
        if format == 'typst' then
          return pandoc.RawInline('typst', '#heel[' .. code .. ']') -- nota-sjabloon.typ
        elseif kind == NAME_MARK then
          -- HTML: the word's nowrap span (NAME_TOKEN) holds it; Word: plain hyphens, so every way
          -- of reading the text finds the name
          return pandoc.Str(code)
        elseif format == 'html' then
          return pandoc.Span(pandoc.Str(code), { class = 'code' })
        end
        return pandoc.Str((code:gsub('%-', NBHYPHEN)))
      elseif kind == NAME_TOKEN then
        if format == 'html' then
          return pandoc.Span(span.content, { class = 'naam' })
        end
        return span.content
      elseif span.classes[1] == LITERAL_MARK and #span.classes == 1 then
        if format == 'typst' then
          return typst_literal(span.content[1].text)
        end
        return span.content
      end
      return nil
    end,
  }
end

local function longest_word(text)
  local longest = 0
  for word in text:gmatch('%S+') do
    longest = math.max(longest, utf8.len(word) or #word)
  end
  return longest
end

-- Relative widths from the content. A column is at least as wide as its unbreakable words: the
-- words of short cells (a code, a gemeente's name, an amount, a date range) and of the header,
-- so those never break and headers never collide. Long words in running text come next, then
-- the rest of the line is shared out in proportion to how much longer each column's text is. A
-- table whose text fits on a line is as wide as its text, not the page. The character width is
-- that of a wide sans-serif (DejaVu Sans, LibreOffice's stand-in for Calibri), to be safe.
-- Every cell of the header and the bodies once: the cell, its first column, whether it is a header
-- cell, and its text (pandoc.utils.stringify, the costly part, done once per cell for every pass).
local function table_cells(tbl)
  local cells = {}
  local function rows_of(rows, header)
    for _, row in ipairs(rows) do
      local col = 1
      for _, cell in ipairs(row.cells) do
        cells[#cells + 1] = { cell = cell, col = col, header = header, text = pandoc.utils.stringify(cell.contents) }
        col = col + cell.col_span
      end
    end
  end
  rows_of(tbl.head.rows, true)
  for _, body in ipairs(tbl.bodies) do
    rows_of(body.body, false)
  end
  return cells
end

local PAGE_CHARS = 80 -- characters of 9 pt table text on one A4 line between 2 cm margins
local SHORT_CELL = 3 -- a cell of at most this many words is one unit (names, codes, amounts)
local function column_widths(tbl, cells)
  local n = #tbl.colspecs
  local need, hard, soft, named = {}, {}, {}, {}
  for i = 1, n do
    need[i], hard[i], soft[i], named[i] = 3, 3, 3, 0
  end
  for _, entry in ipairs(cells) do
    local col, bold, text = entry.col, entry.header, entry.text
    if entry.cell.col_span == 1 then
      local factor = bold and 1.1 or 1
      local words = select(2, text:gsub('%S+', ''))
      local length = math.ceil((utf8.len(text) or #text) * factor)
      local word = math.ceil(longest_word(text) * factor)
      need[col] = math.max(need[col], length)
      if bold or words <= SHORT_CELL then
        hard[col] = math.max(hard[col], math.min(word, 24))
      else
        soft[col] = math.max(soft[col], math.min(word, 14))
      end
      for _, span in ipairs(names_in(text)) do -- kept whole where the line has room
        local name = text:sub(span[1], span[2])
        named[col] = math.max(named[col], math.min(math.ceil((utf8.len(name) or #name) * factor), 24))
      end
    end
  end
  local floor, named_floor, named_hard = {}, {}, {}
  local sums = { need = 0, floor = 0, hard = 0, named_floor = 0, named_hard = 0 }
  for i = 1, n do
    hard[i] = hard[i] + 2 -- cell padding
    floor[i] = math.max(hard[i], soft[i] + 2)
    named_hard[i] = math.max(hard[i], named[i] + 2)
    named_floor[i] = math.max(floor[i], named_hard[i])
    need[i] = math.max(need[i] + 2, named_floor[i])
    sums.need, sums.floor, sums.hard = sums.need + need[i], sums.floor + floor[i], sums.hard + hard[i]
    sums.named_floor, sums.named_hard = sums.named_floor + named_floor[i], sums.named_hard + named_hard[i]
  end
  -- fill `base` up to the page, sharing what is left in proportion to (upto - base)
  local function share_out(base, base_sum, upto, upto_sum)
    local out = {}
    for i = 1, n do
      out[i] = base[i] + (PAGE_CHARS - base_sum) * (upto[i] - base[i]) / (upto_sum - base_sum)
    end
    return out
  end
  local chars
  if sums.need <= PAGE_CHARS then
    chars = need
  elseif sums.named_floor <= PAGE_CHARS then
    chars = share_out(named_floor, sums.named_floor, need, sums.need)
  elseif sums.named_hard < PAGE_CHARS then
    -- a hyphenated name (a gemeente) stays whole before a long word of running text does
    chars = share_out(named_hard, sums.named_hard, need, sums.need)
  elseif sums.floor <= PAGE_CHARS then
    chars = share_out(floor, sums.floor, need, sums.need)
  elseif sums.hard < PAGE_CHARS then
    -- too many columns for every long word: short cells keep their width, and the rest of the
    -- line goes to the columns with the most text (an engagement, a list of partners)
    chars = share_out(hard, sums.hard, need, sums.need)
  else
    -- not even the short cells fit: they share 70 % of the line in proportion, the columns with
    -- the most text the rest (a long word in a short cell may then break, nothing is cut)
    local squeezed, room = {}, PAGE_CHARS * 0.7
    for i = 1, n do
      squeezed[i] = hard[i] * room / sums.hard
    end
    chars = share_out(squeezed, room, need, sums.need)
  end
  local sum = 0
  for i = 1, n do
    sum = sum + chars[i]
  end
  local share = math.min(1, math.max(sum / PAGE_CHARS, 0.4))
  local widths = {}
  for i = 1, n do
    widths[i] = share * chars[i] / sum
  end
  return widths, named
end

-- the names in `text` as marker spans (`mark_names`) if each fits in `room` characters, else nil
local function names_within(text, room)
  local names = names_in(text)
  if #names == 0 then
    return nil
  end
  for _, span in ipairs(names) do
    local name = text:sub(span[1], span[2])
    if (utf8.len(name) or #name) + 2 > room then
      return nil
    end
  end
  return mark_names(text)
end

-- in a table, a name is kept whole only in a column as wide as the name: a narrower column
-- breaks it at a hyphen rather than mid-word (Word, LibreOffice) or over the next cell (typst)
local function mark_names_in_columns(cells, widths)
  for _, entry in ipairs(cells) do
    if #names_in(entry.text) > 0 then -- most cells hold no name: no walk into them
      local cell, room = entry.cell, 0
      for k = entry.col, entry.col + cell.col_span - 1 do
        room = room + (widths[k] or 0) * PAGE_CHARS
      end
      cell.contents = cell.contents:walk({
        Str = function(str)
          return names_within(str.text, room)
        end,
      })
    end
  end
end

local function house_tables(doc)
  return doc:walk({
    Table = function(tbl)
      local cells = table_cells(tbl)
      local widths = column_widths(tbl, cells)
      mark_names_in_columns(cells, widths)
      for i, spec in ipairs(tbl.colspecs) do
        local align = spec[1]
        if align == 'AlignDefault' or align == 'AlignCenter' then
          align = 'AlignLeft'
        end
        tbl.colspecs[i] = { align, widths[i] }
      end
      for _, entry in ipairs(cells) do
        if entry.cell.alignment == 'AlignCenter' then
          entry.cell.alignment = 'AlignDefault'
        end
      end
      return tbl
    end,
  })
end

-- Everything up to here is per element, so it is done per chapter, right after parsing, and the
-- saved AST of a chapter is the prepared one: a chapter read from the cache needs none of it again.
local function prepared(part)
  local result = house_tables(part:walk(safe_elements))
  -- names outside tables (tables had theirs in house_tables)
  result.blocks = result.blocks:walk({
    traverse = 'topdown',
    Table = function(tbl)
      return tbl, false
    end,
    Str = function(str)
      return names_within(str.text, math.huge), false -- not into the marker span just made
    end,
  })
  return mark_text(result)
end

-- Two processes render side by side from the same chapters; with `omgekeerd` this one takes them
-- from the last to the first. A chapter the other process already parsed and saved is read from
-- its AST instead of parsed again, so on a cold run each process parses about half of the chapters.
-- Each saves under a name of its own first: the rename is the moment the AST is there, whole.
local function save_chapter(path, content)
  local temporary = path .. (reverse and '.b' or '.a') .. '.deel'
  local handle = assert(io.open(temporary, 'wb'))
  handle:write(content)
  handle:close()
  if not os.rename(temporary, path) then -- Windows: the other process saved the same AST first
    os.remove(temporary)
  end
end

local header = pandoc.read(slurp(job.meta), CHAPTER_FORMAT, reader_options)
for _, name in ipairs(header.meta.gemeenten or {}) do
  LISTED_NAMES[pandoc.utils.stringify(name)] = true
end
header.meta.gemeenten = nil -- for this renderer only: not a property of the documents

local parts = {}
for k = 1, #job.chapters do
  local index = reverse and (#job.chapters + 1 - k) or k
  local chapter = job.chapters[index]
  if chapter.markdown and not exists(chapter.ast) then
    parts[index] = prepared(pandoc.read(slurp(chapter.markdown), CHAPTER_FORMAT, reader_options))
    if save then
      save_chapter(chapter.ast, pandoc.write(parts[index], 'json'))
    end
  else
    parts[index] = pandoc.read(slurp(chapter.ast), 'json')
  end
end
local blocks = pandoc.Blocks({})
for index = 1, #job.chapters do
  blocks:extend(parts[index].blocks)
end
local doc = pandoc.Pandoc(blocks, prepared(header).meta)

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

-- --- table of contents written out for Word and LibreOffice -------------------------------------

local function xml_escape(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'):gsub('"', '&quot;'))
end

-- Number the headings as `--number-sections` would and write the TOC field with its entries, so
-- the table of contents is filled when the file is opened (LibreOffice shows the entries as
-- written; Word updates the field, page numbers included, because settings.xml asks it to).
local function docx_numbered_with_toc(source, title)
  local counters = { 0, 0, 0, 0, 0, 0 }
  local entries = {}
  local result = source:walk({
    Header = function(header)
      local label = ''
      if not header.classes:includes('unnumbered') then
        counters[header.level] = counters[header.level] + 1
        for k = header.level + 1, #counters do
          counters[k] = 0
        end
        local parts = {}
        for k = 1, header.level do
          table.insert(parts, tostring(counters[k]))
        end
        label = table.concat(parts, '.')
      end
      if header.level <= 2 then
        local text = pandoc.utils.stringify(header.content)
        table.insert(entries, { level = header.level, id = header.identifier,
                                text = label == '' and text or (label .. ' ' .. text) })
      end
      if label ~= '' then
        -- "1.2<tab>Title", as pandoc's own --number-sections writes it
        header.content:insert(1, pandoc.RawInline('openxml', '<w:r><w:tab/></w:r>'))
        header.content:insert(1, pandoc.Str(label))
        header.classes:insert('unnumbered') -- the writer must not number it again
      end
      return header
    end,
  })
  local xml = { '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>',
                '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>',
                '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">',
                xml_escape(title), '</w:t></w:r></w:p>' }
  for i, entry in ipairs(entries) do
    table.insert(xml, '<w:p><w:pPr><w:pStyle w:val="TOC' .. entry.level .. '"/></w:pPr>')
    if i == 1 then
      table.insert(xml, '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        .. '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
        .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end
    local run = '<w:r><w:t xml:space="preserve">' .. xml_escape(entry.text) .. '</w:t></w:r>'
    if entry.id ~= '' then
      run = '<w:hyperlink w:anchor="' .. xml_escape(entry.id) .. '" w:history="1">' .. run .. '</w:hyperlink>'
    end
    table.insert(xml, run .. '</w:p>')
  end
  table.insert(xml, '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>')
  if #entries == 0 then
    return result
  end
  result.blocks:insert(1, pandoc.RawBlock('openxml', table.concat(xml)))
  return result
end

-- --- writers --------------------------------------------------------------------------------------

local function template(name, path)
  if path then
    return pandoc.template.compile(slurp(path), path)
  end
  return pandoc.template.compile(pandoc.template.default(name))
end

local function html_escape(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'))
end

-- the line every page of a draft carries (metadata `ontwerp`, written by igskit from nota.status)
local function draft_marker(source)
  local marker = source.meta.ontwerp
  if marker == nil then
    return nil
  end
  return pandoc.utils.stringify(marker)
end

-- HTML and Word have no cover template: the status and version join the date line, and the logo
-- (if any) opens the body
local function with_title_facts(source)
  local meta = source.meta
  local facts = {}
  if meta.status then
    table.insert(facts, 'Status: ' .. pandoc.utils.stringify(meta.status))
  end
  if meta.versie then
    table.insert(facts, 'versie ' .. pandoc.utils.stringify(meta.versie))
  end
  if meta.date then
    table.insert(facts, pandoc.utils.stringify(meta.date))
  end
  local result = pandoc.Pandoc(source.blocks:clone(), meta)
  if #facts > 0 then
    result.meta.date = pandoc.Inlines(table.concat(facts, ' · ')):walk(text_marks)
  end
  if meta.logo then
    result.blocks:insert(1, pandoc.Para({ pandoc.Image({}, pandoc.utils.stringify(meta.logo), '',
      { height = '2.2cm' }) }))
  end
  return result
end

local function toc_title(source)
  local title = source.meta['toc-title']
  return title and pandoc.utils.stringify(title) or 'Inhoudsopgave'
end

local writers = {
  html = function(source)
    local variables = { css = { 'nota.css' } }
    local banners = {}
    local marker = draft_marker(source)
    if marker then
      table.insert(banners, '<div class="ontwerp-banner" role="note">' .. html_escape(marker) .. '</div>')
    end
    if source.meta.werkversie then
      table.insert(banners, '<div class="werkversie-banner" role="note">'
        .. 'Werkversie voor het planningsteam – niet indienen</div>')
    end
    if #banners > 0 then
      variables['include-before'] = { table.concat(banners, '\n') }
    end
    return pandoc.write(with_title_facts(source):walk(finish_marks('html')), 'html5', {
      template = template('html5'), table_of_contents = true, number_sections = true,
      variables = variables,
    })
  end,
  docx = function(source)
    source = docx_numbered_with_toc(with_title_facts(source):walk(finish_marks('docx')), toc_title(source))
    return pandoc.write(source, 'docx', { reference_doc = 'reference.docx' })
  end,
  typst = function(source)
    -- pandoc's typst writer leaves the shorthands "..." (ellipsis) and "-?" (soft hyphen) as they
    -- are; typst would not show the text literally, so their dots and question marks are escaped
    -- (finish_marks)
    local literal = source:walk(finish_marks('typst'))
    return pandoc.write(literal, 'typst', {
      template = template('typst', 'nota-sjabloon.typ'), table_of_contents = true, number_sections = true,
    })
  end,
}

local editions = {}
for _, output in ipairs(outputs) do
  local write = assert(writers[output.format], 'onbekend formaat: ' .. output.format)
  if not editions[output.edition] then
    editions[output.edition] = edition_of(doc, output.edition)
  end
  spit(output.path, write(editions[output.edition]))
end
