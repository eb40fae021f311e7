//! Packs a trunk build into one self-contained HTML file that works from file://, offline.
//!
//! From file:// a browser blocks module scripts, the wasm fetch and the data fetch, so everything
//! goes inside: the stylesheet, the JS glue, the wasm and the build's copy of the data, unpacked in
//! the page and started from memory. The output depends only on its inputs: the same sources give
//! the same bytes.
//!
//! The wasm is compressed with LZMA and unpacked by a decoder of our own, itself a small wasm
//! module (`xtask/unlzma`); the rest is gzipped (zopfli) and unpacked by the browser's
//! `DecompressionStream`, which costs next to nothing. LZMA makes the file 306 KB where gzip would
//! make it 341 KB, which leaves the data room to grow within the 350 KB budget, for about 25 ms of
//! unpacking (the same decoder in JavaScript took 60; with gzip for everything the file opened in
//! 147 ms from file:// on the bench machine, with LZMA in 158 to 173). `embed.js`, whose wasm
//! carries the data, packs its wasm the same way: 80 KB less than gzip, and 311 KB once a server
//! brotli-compresses it, for about 25 ms more at start.
//!
//! The single file is a windows-1252 document, where every byte is a character: the compressed
//! bytes go in almost as they are (see [`as_text`]), at about 1.5% over their size where base85
//! costs 25%. `embed.js` cannot choose its encoding (the partner's page does), so it keeps base85.

use std::fs;
use std::path::Path;

use crate::Result;

/// The name of the single file inside `dist/`.
pub const SINGLE_FILE: &str = "anti-trafficking-directory.html";

/// What the packed page may do: run its own inline scripts, modules from blob: URLs and wasm,
/// and nothing from anywhere else.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; \
style-src 'unsafe-inline'; img-src data:; connect-src blob: data:; base-uri 'none'; form-action 'none'";

/// The 85 printable ASCII characters that are safe in a single-quoted JS string inside an HTML
/// `<script>`: no quotes, backslash, backtick, `$`, `<`, `>`, `&` or `/`. Base85 costs a quarter
/// of the payload where base64 costs a third, which keeps the file within its size budget.
const BASE85: &[u8; 85] =
    b"!#%()*+,-.0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";

/// Encodes 4 bytes as 5 digits, most significant first; a final group of k bytes as k + 1 digits.
fn base85(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(4) * 5);
    for group in bytes.chunks(4) {
        let mut word = [0u8; 4];
        word[..group.len()].copy_from_slice(group);
        let mut value = u32::from_be_bytes(word);
        let mut digits = [0u8; 5];
        for digit in digits.iter_mut().rev() {
            *digit = BASE85[(value % 85) as usize];
            value /= 85;
        }
        out.extend(digits[..=group.len()].iter().map(|&d| char::from(d)));
    }
    out
}

/// The byte that introduces an escaped byte in the single file's payloads.
const ESCAPE: u8 = b'~';

/// Bytes that cannot stand for themselves inside a `<script>` element: the HTML parser turns NUL
/// into U+FFFD and CR into LF, and `<` could end the element. Each is written as [`ESCAPE`]
/// followed by the byte plus one, and so is the escape byte itself.
const ESCAPED: [u8; 4] = [0, b'\r', b'<', ESCAPE];

/// Compressed bytes as the text of a windows-1252 document: every byte is its own character there.
fn as_text(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 50);
    for &byte in bytes {
        if ESCAPED.contains(&byte) {
            out.extend([ESCAPE, byte + 1]);
        } else {
            out.push(byte);
        }
    }
    out
}

/// Turns the text of a payload back into its bytes, with the browser's own windows-1252 decoder
/// giving the character of each byte.
const DECODE_TEXT_JS: &str = r#"const byteOf = new Uint8Array(65536);
const characters = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
for (let i = 0; i < 256; i++) byteOf[characters.charCodeAt(i)] = i;
const decode = (text) => {
  const out = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const byte = byteOf[text.charCodeAt(i)];
    out[length++] = byte === ESCAPE ? byteOf[text.charCodeAt(++i)] - 1 : byte;
  }
  return out.subarray(0, length);
};
"#;

/// Decodes base85 text (see [`BASE85`]).
const DECODE_BASE85_JS: &str = r#"const digits = new Uint8Array(128);
for (let i = 0; i < 85; i++) digits[DIGITS.charCodeAt(i)] = i;
const decode = (text) => {
  const out = new Uint8Array(Math.floor(text.length / 5) * 4 + Math.max(0, (text.length % 5) - 1));
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0;
    for (let j = 0; j < 5; j++) value = value * 85 + (i + j < text.length ? digits[text.charCodeAt(i + j)] : 84);
    for (let k = 0; k < 4 && o + k < out.length; k++) out[o + k] = (value >>> (24 - 8 * k)) & 255;
  }
  return out;
};
"#;

/// Gunzips what `decode` gives: `gunzip(text)` is a `Response`.
const GUNZIP_JS: &str = r#"const gunzip = (text) => new Response(new Blob([decode(text)]).stream().pipeThrough(new DecompressionStream('gzip')));
"#;

/// Unpacks what `decode` gives into its bytes, with the LZMA decoder of `xtask/unlzma`, whose wasm
/// `decode(decoder)` gives. The memory's buffer is read after each call that may grow it.
const UNLZMA_JS: &str = r#"const unlzma = async (text, decoder) => {
  const packed = decode(text);
  const { memory, input, unpack } = (await WebAssembly.instantiate(decode(decoder))).instance.exports;
  const at = input(packed.length);
  if (!at) throw new Error('no memory to unpack the wasm in');
  new Uint8Array(memory.buffer).set(packed, at);
  const out = unpack(packed.length);
  if (!out) throw new Error('the packed wasm is corrupt');
  return new Uint8Array(memory.buffer, out, Number(new DataView(packed.buffer, packed.byteOffset).getBigUint64(5, true)));
};
"#;

/// Starts the app from its payloads, all unpacked at once, the wasm compiling while the glue is
/// imported. The data goes back into its element as JSON, where the app looks for it. A failure is
/// left uncaught: the page's own script (in index.html) then says in words that the directory
/// could not start.
const PAGE_LOADER: &str = r#"const payload = (id) => document.getElementById(id).textContent;
const texts = Promise.all(['atdir-data', 'atdir-css', 'atdir-glue'].map((id) => gunzip(payload(id)).text()));
const module = unlzma(payload('atdir-wasm'), payload('atdir-unlzma')).then((bytes) => WebAssembly.compile(bytes));
const [json, css, glue] = await texts;
const data = document.getElementById('atdir-data');
data.textContent = json;
data.type = 'application/json';
const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
const { default: init } = await import(URL.createObjectURL(new Blob([glue], { type: 'text/javascript' })));
await init({ module_or_path: await module });
"#;

/// Mounts an instance in every `[data-atdir]` element, now and as the partner's page changes,
/// and unmounts those that leave it. Its one global is `window.atdir`. An element it cannot start
/// in (a Content Security Policy without `'wasm-unsafe-eval'`, an old browser) says so in words.
const EMBED_LOADER: &str = r#"if (window.atdir) return;
const ready = unlzma(WASM, DECODER).then((module_or_path) => wasm_bindgen({ module_or_path })).then(() => wasm_bindgen);
const report = (what, element) => (error) => console.error(`Anti-Trafficking Directory: could not ${what}`, element, error);
const failed = (element) => (error) => {
  report('start', element)(error);
  if (element.shadowRoot) return;
  const message = document.createElement('p');
  message.textContent = 'The Anti-Trafficking Directory could not start on this page. The browser console says why.';
  element.replaceChildren(message);
};
const mount = (element) => ready.then((api) => api.mount(element)).catch(failed(element));
const unmount = (element) => ready.then((api) => api.unmount(element)).catch(report('stop', element));
window.atdir = Object.freeze({ mount, unmount });
const embeds = (node) => node.nodeType === Node.ELEMENT_NODE
  ? [node, ...node.querySelectorAll('[data-atdir]')].filter((element) => element.hasAttribute('data-atdir'))
  : [];
new MutationObserver((records) => {
  for (const record of records) {
    record.removedNodes.forEach((node) => embeds(node).filter((e) => !e.isConnected).forEach(unmount));
    record.addedNodes.forEach((node) => embeds(node).forEach(mount));
  }
}).observe(document.documentElement, { childList: true, subtree: true });
const scan = () => document.querySelectorAll('[data-atdir]').forEach(mount);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
else scan();
"#;

/// The base85 decoder with its alphabet filled in, and `unlzma`.
fn unpack_base85_js() -> Result<String> {
    let digits = std::str::from_utf8(BASE85).map_err(|e| e.to_string())?;
    Ok(DECODE_BASE85_JS.replace("DIGITS", &format!("'{digits}'")) + UNLZMA_JS)
}

/// The windows-1252 text decoder with its escape byte filled in, `gunzip` and `unlzma`.
fn unpack_text_js() -> String {
    DECODE_TEXT_JS.replace("ESCAPE", &ESCAPE.to_string()) + GUNZIP_JS + UNLZMA_JS
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut packed = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut packed,
    )
    .map_err(|e| format!("gzip: {e}"))?;
    Ok(packed)
}

/// LZMA with a 13-byte header (properties, dictionary size, unpacked size), at the strongest
/// settings, with four bits of literal context (a little smaller than the default three here).
fn lzma(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut options = lzma_rust2::LzmaOptions::with_preset(9);
    options.lc = 4;
    options.nice_len = lzma_rust2::LzmaOptions::NICE_LEN_MAX;
    options.dict_size = u32::try_from(bytes.len())
        .map_err(|_| "a payload of 4 GB or more".to_owned())?
        .next_power_of_two()
        .max(4096);
    let size = Some(bytes.len() as u64);
    let mut writer = lzma_rust2::LzmaWriter::new_use_header(Vec::new(), &options, size)
        .map_err(|e| format!("lzma: {e}"))?;
    std::io::Write::write_all(&mut writer, bytes).map_err(|e| format!("lzma: {e}"))?;
    writer.finish().map_err(|e| format!("lzma: {e}"))
}

/// Writes every character outside ASCII as a character reference, for a windows-1252 document.
fn ascii_html(html: &str) -> String {
    html.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#{};", u32::from(c))
            }
        })
        .collect()
}

/// Drops comments and runs of whitespace: the stylesheet's comments are for its readers, not for
/// the single file's size.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// wasm-bindgen's glue without its comments, indentation and blank lines: about a seventh less
/// once compressed. Done line by line, which is only safe where no string or template literal runs over
/// a line end and every comment that starts a line ends one; glue that breaks either is left as it
/// is.
fn compact_js(js: &str) -> String {
    compacted_by_lines(js).unwrap_or_else(|| js.to_owned())
}

fn compacted_by_lines(js: &str) -> Option<String> {
    let mut out = String::with_capacity(js.len());
    let mut in_comment = false;
    for line in js.lines() {
        if line.matches('`').count() % 2 == 1 || line.ends_with('\\') {
            return None;
        }
        let line = line.trim();
        let opens_comment = !in_comment && line.starts_with("/*");
        if in_comment || opens_comment {
            let body = if opens_comment { &line[2..] } else { line };
            match body.find("*/") {
                Some(end) if end + 2 == body.len() => in_comment = false,
                Some(_) => return None,
                None => in_comment = true,
            }
        } else if !line.is_empty() && !line.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    (!in_comment).then_some(out)
}

/// The one file in the trunk build `built` whose name starts with `prefix` and ends with `suffix`.
fn find(built: &Path, prefix: &str, suffix: &str) -> Result<Vec<u8>> {
    let mut matches: Vec<_> = fs::read_dir(built)
        .map_err(|e| format!("reading {}: {e}", built.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            name.starts_with(prefix) && name.ends_with(suffix)
        })
        .collect();
    match (matches.pop(), matches.is_empty()) {
        (Some(path), true) => {
            fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))
        }
        _ => Err(format!(
            "expected exactly one {prefix}*{suffix} in {}",
            built.display()
        )),
    }
}

/// Removes the first `<tag …>` (or `<tag …>…</tag>`) whose opening contains `marker`; an error if
/// there is none, so that a change in trunk's output cannot pass unnoticed.
fn remove_tag(html: &mut String, tag: &str, marker: &str, closing: Option<&str>) -> Result {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(start) = html[from..].find(&open).map(|i| i + from) {
        let head_end = html[start..]
            .find('>')
            .map(|i| start + i + 1)
            .ok_or("an unclosed tag")?;
        if html[start..head_end].contains(marker) {
            let end = match closing {
                Some(close) => html[head_end..]
                    .find(close)
                    .map(|i| head_end + i + close.len())
                    .ok_or("an unclosed element")?,
                None => head_end,
            };
            html.replace_range(start..end, "");
            return Ok(());
        }
        from = head_end;
    }
    Err(format!(
        "the built index.html has no <{tag}> with {marker:?}: has trunk's output changed?"
    ))
}

/// The page without its HTML comments, which are notes for whoever edits index.html, and without
/// the indentation before each.
fn without_comments(html: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let end = rest[start..]
            .find("-->")
            .map(|i| start + i + "-->".len())
            .ok_or("an unclosed comment in the built index.html")?;
        out.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
    }
    out.push_str(rest);
    Ok(out)
}

/// The build's copy of the data, minified; a file that is not JSON goes in as it is, for the app to
/// report exactly what is wrong with it.
fn built_in_data(built: &Path) -> Result<Vec<u8>> {
    let path = built
        .join("data")
        .join("built-in")
        .join("organizations.json");
    let text = fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    Ok(serde_json::from_slice::<serde_json::Value>(&text)
        .and_then(|value| serde_json::to_vec(&value))
        .unwrap_or(text))
}

/// Drops the HTML comments from the hosted page in `dist`, as from the single file: each visitor
/// would download them.
pub fn strip_page_comments(dist: &Path) -> Result {
    let path = dist.join("index.html");
    let html = fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    fs::write(&path, without_comments(&html)?)
        .map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Packs trunk's output in `built`, with the LZMA decoder's wasm `decoder`, into
/// `dist/anti-trafficking-directory.html` and returns its size in bytes.
pub fn single_file(built: &Path, decoder: &[u8], dist: &Path) -> Result<usize> {
    let html = fs::read_to_string(built.join("index.html"))
        .map_err(|e| format!("reading {}/index.html: {e}", built.display()))?;
    let mut html = without_comments(&html)?;
    let css = String::from_utf8(find(built, "styles-", ".css")?)
        .map_err(|e| format!("the stylesheet: {e}"))?;
    // Compressed like the code: the stylesheet is a tenth of the file otherwise.
    let css = as_text(&gzip(minify_css(&css).as_bytes())?);
    let glue = String::from_utf8(find(built, "atdir-app-", ".js")?)
        .map_err(|e| format!("the JS glue: {e}"))?;
    let glue = as_text(&gzip(compact_js(&glue).as_bytes())?);
    let wasm = as_text(&lzma(&find(built, "atdir-app-", "_bg.wasm")?)?);
    // Not gzipped, which would save 2.1 KB: its gunzip would finish only with the others', 30 ms later.
    let decoder = as_text(decoder);
    let data = as_text(&gzip(&built_in_data(built)?)?);

    remove_tag(&mut html, "script", "type=\"module\"", Some("</script>"))?;
    remove_tag(&mut html, "link", "rel=\"modulepreload\"", None)?;
    remove_tag(&mut html, "link", "href=\"data/organizations.json\"", None)?;
    remove_tag(&mut html, "link", "rel=\"preload\"", None)?;
    remove_tag(&mut html, "link", "rel=\"stylesheet\"", None)?;
    remove_tag(
        &mut html,
        "meta",
        "http-equiv=\"Content-Security-Policy\"",
        None,
    )?;
    let head = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n</head>");
    let charset = "<meta charset=\"utf-8\">";
    if !html.contains(charset) {
        return Err(format!(
            "the built index.html has no {charset}: has trunk's output changed?"
        ));
    }
    let html = ascii_html(&html).replacen(charset, "<meta charset=\"windows-1252\">", 1);
    // The payloads sit in inert script elements that the loader reads: no text is ever substituted
    // into a payload, and an escaped payload has no `<`, so none can end its element early.
    let loader = format!(
        "<script type=\"module\">\n{}{PAGE_LOADER}</script>",
        unpack_text_js()
    );
    let (start, end) = html
        .split_once("</body>")
        .ok_or("the built index.html has no </body>")?;
    let mut file = start.replacen("</head>", &head, 1).into_bytes();
    for (id, payload) in [
        ("atdir-css", css),
        ("atdir-glue", glue),
        ("atdir-unlzma", decoder),
        ("atdir-wasm", wasm),
        ("atdir-data", data),
    ] {
        file.extend(format!("<script type=\"text/plain\" id=\"{id}\">").bytes());
        file.extend(payload);
        file.extend(b"</script>\n");
    }
    file.extend(format!("{loader}\n</body>{end}").bytes());
    fs::write(dist.join(SINGLE_FILE), &file).map_err(|e| format!("writing {SINGLE_FILE}: {e}"))?;
    Ok(file.len())
}

/// The name of the script embed inside `dist/`.
pub const EMBED_SCRIPT: &str = "embed.js";

/// Writes `dist/embed.js` from wasm-bindgen's `no-modules` output in `bindgen` (`atdir.js` and
/// `atdir_bg.wasm`) and the LZMA decoder's wasm `decoder`, wrapped in a function so that its names
/// stay off the partner's `window`; returns its size in bytes.
pub fn embed_script(bindgen: &Path, decoder: &[u8], dist: &Path) -> Result<usize> {
    let read =
        |name: &str| fs::read(bindgen.join(name)).map_err(|e| format!("reading {name}: {e}"));
    let glue = String::from_utf8(read("atdir.js")?).map_err(|e| format!("atdir.js: {e}"))?;
    if !glue.contains("wasm_bindgen") {
        return Err("atdir.js is not wasm-bindgen's no-modules output".to_owned());
    }
    let glue = compact_js(&glue);
    let (wasm, decoder) = (base85(&lzma(&read("atdir_bg.wasm")?)?), base85(decoder));
    // base85 has no quote or backslash: the payloads are safe in single-quoted strings. In one
    // replacement, so that neither payload is searched for the other's placeholder.
    let loader = EMBED_LOADER.replacen(
        "unlzma(WASM, DECODER)",
        &format!("unlzma('{wasm}', '{decoder}')"),
        1,
    );
    let script = format!(
        "/* Anti-Trafficking Directory embed: see the README, \"Embed it on your site\". */\n\
         (() => {{\n{glue}\n{}{loader}}})();\n",
        unpack_base85_js()?
    );
    fs::write(dist.join(EMBED_SCRIPT), &script)
        .map_err(|e| format!("writing {EMBED_SCRIPT}: {e}"))?;
    Ok(script.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest wasm module: a stand-in for the app's and the decoder's.
    const STAND_IN_WASM: &[u8] = b"\0asm\x01\0\0\0";

    /// A dist/ shaped like trunk's, with small stand-ins for the real files.
    fn fake_dist(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("atdir-pack-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a temporary folder");
        let index = r#"<!doctype html><html><head><meta charset="utf-8">
  <!-- A note for whoever edits the page,
       on two lines. -->
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<link rel="stylesheet" href="./styles-1.css" integrity="x"/>
<link rel="preload" href="data/organizations.json" as="fetch" crossorigin>
<script type="module">import init from './atdir-app-1.js'; await init({ module_or_path: './atdir-app-1_bg.wasm' });</script>
<link rel="modulepreload" href="./atdir-app-1.js"><link rel="preload" href="./atdir-app-1_bg.wasm" as="fetch"></head>
<body><div id="app"><main><p>Loading…</p></main></div></body></html>"#;
        for (file, body) in [
            ("index.html", index.as_bytes()),
            ("styles-1.css", b".atd { color: red }".as_slice()),
            (
                "atdir-app-1.js",
                b"export default async function init() {}".as_slice(),
            ),
            ("atdir-app-1_bg.wasm", STAND_IN_WASM),
            (
                "data/built-in/organizations.json",
                b"[\n  {\"id\": \"a\"}\n]\n".as_slice(),
            ),
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().expect("a folder")).expect("the folder");
            fs::write(path, body).expect("a file");
        }
        dir
    }

    #[test]
    fn compacting_js_drops_comments_indentation_and_blank_lines_and_keeps_the_code() {
        let js = "/**\n * Starts the app.\n * @param {number} n\n */\nfunction start(n) {\n\n    // Cast intrinsic for `F64`.\n    const url = 'https://a.example/*x*/'; // kept\n    /* one line */\n    return `${n}`;\n}\n";
        assert_eq!(
            compact_js(js),
            "function start(n) {\nconst url = 'https://a.example/*x*/'; // kept\nreturn `${n}`;\n}\n"
        );
    }

    #[test]
    fn js_that_lines_cannot_safely_compact_is_left_as_it_is() {
        for js in [
            "const text = `first line\n    second line`;\n",
            "const text = 'first line\\\n    second line';\n",
            "/* a comment */ const kept = 1;\n",
            "/* a comment\n   that ends */ before code;\n",
            "/* a comment that never ends\n",
        ] {
            assert_eq!(compact_js(js), js);
        }
    }

    #[test]
    fn packing_inlines_everything_and_is_deterministic() {
        let dir = fake_dist("ok");
        single_file(&dir, STAND_IN_WASM, &dir).expect("packs");
        let first = fs::read(dir.join(SINGLE_FILE)).expect("the single file");
        single_file(&dir, STAND_IN_WASM, &dir).expect("packs again");
        assert_eq!(
            fs::read(dir.join(SINGLE_FILE)).expect("the single file"),
            first,
            "same sources, same bytes"
        );

        let html = String::from_utf8_lossy(&first);
        for gone in [
            "./styles-1.css",
            "./atdir-app-1.js",
            "./atdir-app-1_bg.wasm",
            "default-src 'self'",
            "data/organizations.json",
            "A note for whoever edits the page",
        ] {
            assert!(!html.contains(gone), "{gone} is still in the file");
        }
        assert!(
            html.starts_with("<!doctype html><html><head><meta charset=\"windows-1252\">\n\n"),
            "a comment's line goes with it: {html}"
        );
        assert!(html.contains(r#"<script type="text/plain" id="atdir-css">"#));
        assert!(html.contains(r#"<script type="text/plain" id="atdir-data">"#));
        assert!(html.contains(r#"<script type="text/plain" id="atdir-unlzma">"#));
        assert!(
            html.contains("<p>Loading&#8230;</p>"),
            "the loading message stays until the app replaces it, in ASCII"
        );
        assert!(html.contains(r#"<meta charset="windows-1252">"#));
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn lzma_payloads_unpack_to_what_was_packed_and_name_their_size() {
        for bytes in [
            Vec::new(),
            b"a".to_vec(),
            (0..50_000u32).map(|i| (i * i % 251) as u8).collect(),
        ] {
            let packed = lzma(&bytes).expect("packs");
            assert_eq!(
                unlzma::unpacked_size(&packed),
                Some(bytes.len() as u64),
                "the header gives the unpacked size"
            );
            let mut unpacked = vec![0; bytes.len()];
            unlzma::unpack(&packed, &mut unpacked).expect("the page's decoder unpacks it");
            assert_eq!(unpacked, bytes);
        }
    }

    #[test]
    fn escaped_payloads_have_no_byte_the_html_parser_would_change() {
        let every_byte: Vec<u8> = (0..=255).collect();
        let text = as_text(&every_byte);
        assert_eq!(text.len(), 256 + ESCAPED.len());
        for byte in [0, b'\r', b'<'] {
            assert!(!text.contains(&byte), "byte {byte} is left in");
        }
        let mut decoded = Vec::new();
        let mut bytes = text.iter();
        while let Some(&byte) = bytes.next() {
            decoded.push(match byte {
                ESCAPE => bytes.next().map_or(0, |next| next - 1),
                _ => byte,
            });
        }
        assert_eq!(decoded, every_byte, "escaping is undone exactly");
    }

    #[test]
    fn base85_uses_only_safe_characters_and_the_expected_lengths() {
        assert_eq!(BASE85.len(), 85);
        for unsafe_char in b"\"'`\\$<>&/" {
            assert!(
                !BASE85.contains(unsafe_char),
                "{}",
                char::from(*unsafe_char)
            );
        }
        assert!(
            BASE85.windows(2).all(|w| w[0] < w[1]),
            "distinct characters"
        );
        assert_eq!(base85(&[0, 0, 0, 0]), "!!!!!");
        assert_eq!(base85(&[255, 255, 255, 255]), "|?_2!");
        for len in 0..9 {
            assert_eq!(
                base85(&vec![7; len]).len(),
                len / 4 * 5 + if len % 4 == 0 { 0 } else { len % 4 + 1 }
            );
        }
    }

    #[test]
    fn css_loses_comments_and_extra_whitespace_only() {
        let css =
            "/* a comment */\n.atd {\n  font-family: \"Segoe UI\", sans-serif; /* why */\n}\n";
        assert_eq!(
            minify_css(css),
            ".atd { font-family: \"Segoe UI\", sans-serif; }"
        );
        assert_eq!(minify_css("a{}/* unterminated"), "a{}");
    }

    #[test]
    fn a_change_in_trunks_output_is_an_error_not_a_broken_file() {
        let dir = fake_dist("changed");
        let index = fs::read_to_string(dir.join("index.html")).expect("index.html");
        fs::write(
            dir.join("index.html"),
            index.replace("rel=\"modulepreload\"", "rel=\"other\""),
        )
        .expect("written");
        let error =
            single_file(&dir, STAND_IN_WASM, &dir).expect_err("the preload link is missing");
        assert!(error.contains("has trunk's output changed?"), "{error}");
        let _ = fs::remove_dir_all(dir);
    }
}
