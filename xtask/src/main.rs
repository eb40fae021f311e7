//! `cargo xtask <command>`: every build and test step of the project, in Rust, installing the tools
//! each step needs and skipping those already there.
//!
//! - `dist`:  build the release app into `dist/` and print what to open
//! - `serve`: run trunk's dev server on 127.0.0.1
//! - `test`:  formatting, clippy (native and wasm32), native tests, wasm-bindgen tests,
//!   end-to-end tests of the built `dist/` in headless Chromium, and a quick run of the benchmark
//! - `bench`: the benchmark side by side with ItemsJS; writes `bench/RESULTS.md`

mod generate;
mod pack;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const TRUNK_VERSION: &str = "0.22.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The single file must stay small enough to e-mail and to open quickly on a slow laptop.
const SINGLE_FILE_BUDGET: usize = 350_000;
/// A partner's page loads the embed script on every view, so it must not grow unnoticed: about 5%
/// above its size when the budget was last set (424 KB, when its wasm went from gzip to LZMA). It
/// carries the dataset, so it grows with every entry and source: the budgets of 450 and 495 KB
/// set before were each outgrown that way.
const EMBED_BUDGET: usize = 445_000;

pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let command = env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "dist" => dist(),
        "serve" => serve(),
        "test" => test(),
        "bench" => bench(),
        _ => Err("usage: cargo xtask <dist|serve|test|bench>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Runs a command in the repository, echoing it, and fails with its name if it fails.
fn run(program: &str, args: &[&str]) -> Result {
    run_in(&root(), program, args, &[])
}

fn run_in(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result {
    eprintln!("\n$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The first line a command prints, or `None` if it cannot run.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Where cargo puts what it builds: `target/`, unless `CARGO_TARGET_DIR` or a cargo config moves it.
fn cargo_target_dir() -> Result<PathBuf> {
    let manifest = root().join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let args = [
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
        "--manifest-path",
        &manifest,
    ];
    let metadata = output_of("cargo", &args).ok_or("`cargo metadata` failed")?;
    serde_json::from_str::<serde_json::Value>(&metadata)
        .ok()
        .and_then(|value| value["target_directory"].as_str().map(PathBuf::from))
        .ok_or_else(|| "`cargo metadata` did not say where the target directory is".to_owned())
}

/// The version of a package in Cargo.lock, so the CLI matches the library exactly.
fn locked_version(package: &str) -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned())
}

fn ensure_wasm_tools() -> Result {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|t| t == WASM_TARGET) {
        run("rustup", &["target", "add", WASM_TARGET])?;
    }
    let trunk = output_of("trunk", &["--version"]).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        // trunk 0.22 declares a newer rustc than it needs; it builds and works with 1.95.
        run(
            "cargo",
            &[
                "install",
                "--locked",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--ignore-rust-version",
            ],
        )?;
    }
    let wanted = locked_version("wasm-bindgen")?;
    let bindgen = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !bindgen.contains(&wanted) {
        // Not --locked: its lockfile names a crate version this registry lacks.
        run(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &wanted],
        )?;
    }
    Ok(())
}

fn ensure_browser() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if output_of("apt-get", &["--version"]).is_none() {
        return Err(format!(
            "the browser tests need Chromium at {CHROMIUM} and ChromeDriver at {CHROMEDRIVER}; \
             install them with your package manager (Debian: apt-get install chromium chromium-driver)"
        ));
    }
    run("apt-get", &["update"])?;
    run_in(
        &root(),
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )
}

fn ensure_npm_packages(dir: &Path) -> Result {
    if output_of("npm", &["--version"]).is_none() {
        return Err(
            "the release build and the browser tests need Node.js and npm \
             (Debian: apt-get install nodejs npm)"
                .to_owned(),
        );
    }
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let up_to_date = match (fs::metadata(&lock), fs::metadata(&installed)) {
        (Ok(a), Ok(b)) => a.modified().ok() <= b.modified().ok(),
        _ => false,
    };
    if up_to_date {
        return Ok(());
    }
    run_in(dir, "npm", &["ci", "--no-audit", "--no-fund"], &[])
}

fn dist() -> Result {
    let Built { single_file, .. } = build_dist()?;
    let dist = root().join("dist");
    println!("\nBuilt the directory into dist/.");
    println!(
        "Open {} : no server needed; copy it anywhere ({} KB).",
        dist.join(pack::SINGLE_FILE).display(),
        single_file / 1000
    );
    println!("Or serve dist/ from any static host, at any path (try it with `cargo xtask serve`).");
    Ok(())
}

/// What [`build_dist`] made: the sizes in bytes of what it writes besides the hosted app, and the
/// folders of the wasm files that ship.
struct Built {
    single_file: usize,
    embed: usize,
    wasm_folders: Vec<PathBuf>,
}

impl Built {
    fn within_budgets(&self) -> Result {
        for (what, size, budget) in [
            ("the single file", self.single_file, SINGLE_FILE_BUDGET),
            (pack::EMBED_SCRIPT, self.embed, EMBED_BUDGET),
        ] {
            if size > budget {
                return Err(format!(
                    "{what} is {size} bytes, over its budget of {budget}"
                ));
            }
            eprintln!("{what} is {size} bytes (budget {budget}).");
        }
        Ok(())
    }

    /// Fails if a wasm that ships names cargo's home on this machine (see [`wasm_rustflags`]).
    fn names_no_cargo_home(&self) -> Result {
        let home = cargo_home()?;
        let home_bytes = home.to_string_lossy();
        let home_bytes = home_bytes.as_bytes();
        for folder in &self.wasm_folders {
            let entries =
                fs::read_dir(folder).map_err(|e| format!("reading {}: {e}", folder.display()))?;
            for wasm in entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "wasm"))
            {
                let bytes =
                    fs::read(&wasm).map_err(|e| format!("reading {}: {e}", wasm.display()))?;
                if bytes.windows(home_bytes.len()).any(|w| w == home_bytes) {
                    return Err(format!(
                        "{} names {}, cargo's home on the machine that built it",
                        wasm.display(),
                        home.display()
                    ));
                }
            }
        }
        eprintln!("No shipped wasm names cargo's home on this machine.");
        Ok(())
    }
}

/// Cargo's home, where the sources of the crates the app depends on are unpacked.
fn cargo_home() -> Result<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .filter(|home| !home.as_os_str().is_empty())
        .ok_or_else(|| "neither CARGO_HOME nor HOME is set: where is cargo's home?".to_owned())
}

/// The `CARGO_ENCODED_RUSTFLAGS` of the release wasm builds. A dependency's panic locations carry
/// the path of its source file, which lies under cargo's home: remapped to the path inside the
/// registry, they no longer give out the builder's user name, and the wasm is the same from one
/// machine to another. `--cfg erase_components` makes Leptos type-erase every component: the
/// wasm is 2.5 KB larger raw but compresses better, 6 KB less with brotli and with LZMA, and the
/// benchmark's keystrokes and toggles take as long (measured at 10,000 and 100,000 entries). The
/// encoded form takes a path with spaces; the flags the builder set in it or in `RUSTFLAGS` come
/// first (cargo reads only the first of the two that is set).
fn wasm_rustflags() -> Result<String> {
    let registry = cargo_home()?.join("registry").join("src").join("");
    let remap = format!("--remap-path-prefix={}=", registry.to_string_lossy());
    let builders = match (env::var("CARGO_ENCODED_RUSTFLAGS"), env::var("RUSTFLAGS")) {
        (Ok(encoded), _) => encoded.split('\x1f').map(str::to_owned).collect(),
        (Err(_), Ok(plain)) => plain.split_whitespace().map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    Ok(builders
        .into_iter()
        .filter(|flag| !flag.is_empty())
        .chain([remap])
        .chain(["--cfg".to_owned(), "erase_components".to_owned()])
        .collect::<Vec<_>>()
        .join("\x1f"))
}

/// Where binaryen's `wasm-opt` is, installed from npm: its GitHub releases are out of reach here,
/// and Debian's (version 108) gives a wasm that fails on load.
fn wasm_opt_dir() -> Result<PathBuf> {
    let tools = root().join("xtask");
    ensure_npm_packages(&tools)?;
    Ok(tools.join("node_modules").join(".bin"))
}

/// The binaryen version in xtask's npm lockfile.
fn binaryen_version() -> Result<String> {
    let lock = fs::read_to_string(root().join("xtask").join("package-lock.json"))
        .map_err(|e| format!("reading xtask/package-lock.json: {e}"))?;
    serde_json::from_str::<serde_json::Value>(&lock)
        .ok()
        .and_then(|lock| {
            lock["packages"]["node_modules/binaryen"]["version"]
                .as_str()
                .map(str::to_owned)
        })
        .ok_or_else(|| "xtask/package-lock.json does not name a binaryen version".to_owned())
}

/// Builds the hosted app with trunk, then the single file and the embed script.
fn build_dist() -> Result<Built> {
    ensure_wasm_tools()?;
    let wasm_opt_dir = wasm_opt_dir()?;
    let path = env::join_paths(
        std::iter::once(wasm_opt_dir.clone())
            .chain(env::split_paths(&env::var_os("PATH").unwrap_or_default())),
    )
    .map_err(|e| format!("adding {} to PATH: {e}", wasm_opt_dir.display()))?;
    run("cargo", &["fetch"])?;
    let path = path.to_string_lossy();
    let rustflags = wasm_rustflags()?;
    let build_env = [("CARGO_ENCODED_RUSTFLAGS", rustflags.as_str())];
    // --offline: a tool version mismatch is an error here rather than a download attempt.
    let trunk_build = |more: &[&str]| {
        let args = [["build", "--release", "--offline"].as_slice(), more].concat();
        let envs = [[("PATH", path.as_ref())].as_slice(), &build_env].concat();
        run_in(&root(), "trunk", &args, &envs)
    };
    trunk_build(&[])?;
    let dist = root().join("dist");
    pack::strip_page_comments(&dist)?;
    // The single file is packed from a build of its own, with the `single-file` feature: its wasm
    // leaves out what a file that carries its data never does (see `SINGLE_FILE` in src/ui).
    let single_file_build = root().join("target").join("single-file");
    trunk_build(&[
        "--features",
        "single-file",
        "--dist",
        &single_file_build.to_string_lossy(),
    ])?;
    let decoder = build_decoder(&build_env, &wasm_opt_dir)?;
    let decoder_path = decoder.join(DECODER_WASM);
    let decoder_wasm =
        fs::read(&decoder_path).map_err(|e| format!("reading {}: {e}", decoder_path.display()))?;
    let single_file = pack::single_file(&single_file_build, &decoder_wasm, &dist)?;

    // The embed is the library with its `embed` entry points, bound for a classic script. It skips
    // wasm-opt: from -O2 up its gzip grows by 20 KB (measured with binaryen 132),
    // and -O1 saves only 1%.
    run_in(
        &root(),
        "cargo",
        &[
            "build",
            "--release",
            "--lib",
            "--features",
            "embed",
            "--target",
            WASM_TARGET,
        ],
        &build_env,
    )?;
    let wasm = cargo_target_dir()?
        .join(WASM_TARGET)
        .join("release")
        .join("atdir.wasm");
    let bindgen = root().join("target").join("embed");
    let (wasm, out) = (
        wasm.to_string_lossy().into_owned(),
        bindgen.to_string_lossy().into_owned(),
    );
    run(
        "wasm-bindgen",
        &[
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-dir",
            &out,
            &wasm,
        ],
    )?;
    let embed = pack::embed_script(&bindgen, &decoder_wasm, &dist)?;
    Ok(Built {
        single_file,
        embed,
        wasm_folders: vec![dist, single_file_build, decoder, bindgen],
    })
}

/// The LZMA decoder of the single file and `embed.js`, built from `xtask/unlzma`.
const DECODER_WASM: &str = "unlzma.wasm";

/// Builds the LZMA decoder into `target/unlzma/` and returns that folder. wasm-opt -Oz takes it
/// from 7.4 to 4.7 KB; of the wasm features rustc enables, it uses bulk memory only.
fn build_decoder(build_env: &[(&str, &str)], wasm_opt_dir: &Path) -> Result<PathBuf> {
    let args = [
        "build",
        "--release",
        "--package",
        "unlzma",
        "--target",
        WASM_TARGET,
    ];
    run_in(&root(), "cargo", &args, build_env)?;
    let built = cargo_target_dir()?
        .join(WASM_TARGET)
        .join("release")
        .join(DECODER_WASM);
    let folder = root().join("target").join("unlzma");
    fs::create_dir_all(&folder).map_err(|e| format!("creating {}: {e}", folder.display()))?;
    let optimized = folder.join(DECODER_WASM);
    run(
        &wasm_opt_dir.join("wasm-opt").to_string_lossy(),
        &[
            "-Oz",
            "--enable-bulk-memory",
            &built.to_string_lossy(),
            "-o",
            &optimized.to_string_lossy(),
        ],
    )?;
    Ok(folder)
}

fn serve() -> Result {
    ensure_wasm_tools()?;
    run("cargo", &["fetch"])?;
    run("trunk", &["serve", "--offline", "--address", "127.0.0.1"])
}

fn test() -> Result {
    ensure_wasm_tools()?;
    ensure_browser()?;
    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run(
        "cargo",
        &[
            "clippy",
            "--package",
            "anti-trafficking-directory",
            "--package",
            "unlzma",
            "--all-targets",
            "--all-features",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--workspace"])?;
    run_in(
        &root(),
        "cargo",
        &["test", "--target", WASM_TARGET, "--test", "web"],
        &[("CHROMEDRIVER", CHROMEDRIVER)],
    )?;
    let built = build_dist()?;
    built.within_budgets()?;
    built.names_no_cargo_home()?;
    let e2e = root().join("tests").join("e2e");
    ensure_npm_packages(&e2e)?;
    run_in(
        &e2e,
        "node",
        &["--test", "--test-concurrency=1"],
        &[("CHROMIUM", CHROMIUM)],
    )?;
    // The benchmark must keep working; its figures here are too few to mean anything.
    run_benchmark(&BenchPlan {
        sizes: &[100, 1_000],
        cold_runs: 2,
        interactions: 10,
        out: root().join("target").join("bench").join("SMOKE.md"),
    })
}

/// What one run of the benchmark measures and where it writes its table.
struct BenchPlan {
    /// Numbers of organizations; 100 stands for the real data.
    sizes: &'static [usize],
    cold_runs: usize,
    /// Keystrokes and facet toggles timed at each size (each at least this many).
    interactions: usize,
    out: PathBuf,
}

fn bench() -> Result {
    ensure_browser()?;
    build_dist()?;
    run_benchmark(&BenchPlan {
        sizes: &[100, 1_000, 10_000, 100_000],
        cold_runs: 10,
        interactions: 50,
        out: root().join("bench").join("RESULTS.md"),
    })
}

/// Generates the larger datasets, then measures the built `dist/` and the ItemsJS page in Chromium.
fn run_benchmark(plan: &BenchPlan) -> Result {
    ensure_npm_packages(&root().join("tests").join("e2e"))?;
    ensure_npm_packages(&root().join("bench"))?;
    let data_dir = root().join("target").join("bench");
    fs::create_dir_all(&data_dir).map_err(|e| format!("creating {}: {e}", data_dir.display()))?;
    let real_path = root().join("data").join("organizations.json");
    let real: Vec<serde_json::Value> = fs::read_to_string(&real_path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        .map_err(|e| format!("reading {}: {e}", real_path.display()))?;
    for &size in plan.sizes.iter().filter(|&&size| size > 100) {
        let generated = generate::organizations(&real, size)?;
        let path = data_dir.join(format!("organizations-{size}.json"));
        let json = serde_json::to_string(&generated).map_err(|e| e.to_string())?;
        fs::write(&path, json).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    let sizes = plan
        .sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let rust = output_of("rustc", &["--version"]).unwrap_or_default();
    let versions = format!(
        "Built with {rust}, Leptos {}, wasm-bindgen {}, trunk {TRUNK_VERSION}; release profile (opt-level z, LTO); the app's wasm through wasm-opt -Os (binaryen {}), embed.js's not",
        locked_version("leptos")?,
        locked_version("wasm-bindgen")?,
        binaryen_version()?,
    );
    let (data_dir, out) = (
        data_dir.to_string_lossy().into_owned(),
        plan.out.to_string_lossy().into_owned(),
    );
    run_in(
        &root(),
        "node",
        &[
            "bench/run.mjs",
            "--data-dir",
            &data_dir,
            "--sizes",
            &sizes,
            "--cold-runs",
            &plan.cold_runs.to_string(),
            "--interactions",
            &plan.interactions.to_string(),
            "--about",
            &versions,
            "--out",
            &out,
        ],
        &[("CHROMIUM", CHROMIUM)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wasm_that_names_cargo_home_fails_the_check() {
        let dir = env::temp_dir().join(format!("atdir-cargo-home-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a temporary folder");
        let built = Built {
            single_file: 0,
            embed: 0,
            wasm_folders: vec![dir.clone()],
        };
        let panic_location = b"index.crates.io-1949cf8c6b5b557f/tachys-0.2.19/src/html/mod.rs";
        fs::write(dir.join("remapped.wasm"), panic_location).expect("a file");
        assert_eq!(built.names_no_cargo_home(), Ok(()));

        let home = cargo_home().expect("cargo's home");
        let registry = home.join("registry").join("src");
        let unmapped = [registry.to_string_lossy().as_bytes(), b"/", panic_location].concat();
        fs::write(dir.join("unmapped.wasm"), unmapped).expect("a file");
        let error = built.names_no_cargo_home().expect_err("names cargo's home");
        assert!(error.contains("unmapped.wasm"), "{error}");
        assert!(error.contains(&*home.to_string_lossy()), "{error}");
        let _ = fs::remove_dir_all(&dir);
    }
}
