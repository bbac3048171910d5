//! Starts the Kring app in the browser.

fn main() {
    kring::mount();
}
