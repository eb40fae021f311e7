//! Start-up only: mount the directory into `index.html`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    atdir::ui::start_page();
}
