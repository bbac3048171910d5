//! `cargo xtask dev`: the development loop. The reference server (debug build, demo
//! data in `target/dev/data`) answers the API; `trunk serve` builds the app unsplit in
//! debug, rebuilds it on every save of its sources and reloads the browser, and passes
//! `/api` on to the server (the `[[proxy]]` in `Trunk.toml`). Ctrl-C stops both.
//!
//! The browser only ever talks to Trunk's address, so the server is told that this is
//! its public address (`--public-url`): the app's writes carry that `Origin`, which the
//! server's same-origin check accepts without any option that loosens it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::setup;
use crate::util::{self, Failure};

/// The line the server ends its start-up message with.
const SERVER_LAST_BANNER_LINE: &str = "Stop with Ctrl-C.";

/// Set by the signal handler when the person presses Ctrl-C (or the process is told to
/// stop); the loop then stops both children.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn request_stop(_signal: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Where `trunk serve` listens and where it sends `/api`, as `Trunk.toml` says.
#[derive(Debug, PartialEq, Eq)]
pub struct DevPorts {
    /// The port people open (`[serve] port`).
    pub app: u16,
    /// The server's port (`[[proxy]] backend`).
    pub api: u16,
}

/// Reads the serve port and the API proxy's port from `Trunk.toml`'s text.
pub fn dev_ports(trunk_toml: &str) -> Result<DevPorts, Failure> {
    let mut section = "";
    let mut app = None;
    let mut api = None;
    for line in trunk_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        match (section, key.trim()) {
            ("[serve]", "port") => app = value.parse().ok(),
            ("[[proxy]]", "backend") => {
                api = value
                    .strip_prefix("http://127.0.0.1:")
                    .and_then(|rest| rest.strip_suffix("/api"))
                    .and_then(|port| port.parse().ok());
            }
            _ => {}
        }
    }
    match (app, api) {
        (Some(app), Some(api)) => Ok(DevPorts { app, api }),
        _ => Err(Failure::new(
            "Trunk.toml needs `[serve] port = N` and a `[[proxy]]` with \
             `backend = \"http://127.0.0.1:PORT/api\"`",
        )),
    }
}

/// Splits the person's options into the app's port (`--port`, the address they open)
/// and the options for the server.
fn app_port_and_server_args(args: &[String], default: u16) -> Result<(u16, Vec<String>), Failure> {
    let mut port = default;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--port" {
            Some(
                args.next()
                    .ok_or_else(|| Failure::new("--port needs a number"))?
                    .as_str(),
            )
        } else {
            arg.strip_prefix("--port=")
        };
        match value {
            Some(value) => {
                port = value
                    .parse()
                    .map_err(|_| Failure::new(format!("--port {value}: not a port number")))?;
            }
            // A habitual `--` would make clap read the rest as a command.
            None if arg == "--" || arg == "--demo" => {}
            None => rest.push(arg.clone()),
        }
    }
    Ok((port, rest))
}

/// The two processes of the loop; both are stopped when this is dropped.
pub struct DevLoop {
    server: Child,
    trunk: Option<Child>,
    /// The address people open: Trunk's.
    pub app_url: String,
    app_port: u16,
    /// The server's start-up message, with Trunk's address in place of the server's.
    banner: Arc<Mutex<Vec<String>>>,
    /// Whether the server's start-up message is complete.
    banner_done: Arc<AtomicBool>,
}

impl Drop for DevLoop {
    fn drop(&mut self) {
        if let Some(trunk) = self.trunk.as_mut() {
            stop(trunk, "trunk serve");
        }
        stop(&mut self.server, "kring-server");
    }
}

impl DevLoop {
    /// Fails when either process has stopped.
    fn check_running(&mut self) -> Result<(), Failure> {
        if let Ok(Some(status)) = self.server.try_wait() {
            return Err(Failure::new(format!("kring-server stopped: {status}")));
        }
        if let Some(Ok(Some(status))) = self.trunk.as_mut().map(Child::try_wait) {
            return Err(Failure::new(format!("trunk serve stopped: {status}")));
        }
        Ok(())
    }

    /// Whether Trunk serves the built app and the server has said who can sign in.
    fn ready(&self) -> bool {
        self.banner_done.load(Ordering::SeqCst) && app_is_served(self.app_port)
    }

    /// Waits until the first build is served (the bench uses this).
    pub fn wait_until_ready(&mut self, limit: Duration) -> Result<(), Failure> {
        let started = Instant::now();
        while !self.ready() {
            self.check_running()?;
            if started.elapsed() > limit {
                return Err(Failure::new(format!(
                    "trunk serve did not serve the app within {} s",
                    limit.as_secs()
                )));
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok(())
    }
}

/// Asks a child to stop (SIGINT, as Ctrl-C would) and kills it if it has not after a
/// few seconds.
fn stop(child: &mut Child, what: &str) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with the id of our own child and a valid signal number.
        unsafe {
            libc::kill(pid, libc::SIGINT);
        }
    }
    let asked = Instant::now();
    while asked.elapsed() < Duration::from_secs(5) {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("    {what} did not stop within 5 s; killing it");
    let _ = child.kill();
    let _ = child.wait();
}

/// `cargo xtask dev [server options]`: starts the loop and keeps it running until
/// Ctrl-C.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let tools = setup::ensure_build_tools()?;
    let trunk = setup::ensure_trunk()?;
    let handler: extern "C" fn(libc::c_int) = request_stop;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
    let mut running = start(&tools, &trunk, args)?;
    let mut announced = false;
    loop {
        if STOP.load(Ordering::SeqCst) {
            println!("\n==> Stopping trunk serve and the server");
            return Ok(());
        }
        running.check_running()?;
        if !announced && running.ready() {
            announced = true;
            announce(&running);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Builds and starts the server, then starts `trunk serve` (the program `trunk`), whose
/// first build runs on.
pub fn start(
    tools: &setup::BuildTools,
    trunk: &std::path::Path,
    args: &[String],
) -> Result<DevLoop, Failure> {
    let root = util::root();
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|e| Failure::new(format!("cannot read Trunk.toml: {e}")))?;
    let ports = dev_ports(&trunk_toml)?;
    let (app_port, server_args) = app_port_and_server_args(args, ports.app)?;
    let app_url = format!("http://127.0.0.1:{app_port}");
    for (port, what) in [
        (ports.api, "the server (Trunk.toml's [[proxy]] backend)"),
        (app_port, "trunk serve"),
    ] {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Err(Failure::new(format!(
                "port {port} on 127.0.0.1, for {what}, is in use: stop what runs there \
                 (another `cargo xtask run` or `dev`?) or choose another with --port"
            )));
        }
    }

    // Trunk's --offline makes cargo offline too: fetch the crates first.
    util::cargo(&["fetch", "--quiet"])?;
    util::step("Building the server (debug)");
    util::cargo(&["build", "-p", "kring-server", "--features", "demo"])?;

    util::step("Starting the server (first start creates the demo data)");
    let dev = dev_folder();
    let given = |flag: &str| {
        server_args
            .iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")))
    };
    let mut command = Command::new(setup::target_dir().join("debug/kring-server"));
    command
        .args(["--demo", "--host", "127.0.0.1", "--port"])
        .arg(ports.api.to_string())
        .current_dir(&root)
        .stdout(Stdio::piped());
    if !given("--data-dir") {
        command.arg("--data-dir").arg(dev.join("data"));
    }
    if !given("--public-url") {
        command.args(["--public-url", &app_url]);
    }
    command.args(&server_args);
    let mut server = command
        .spawn()
        .map_err(|e| Failure::new(format!("cannot start kring-server: {e}")))?;
    let mut lines = BufReader::new(server.stdout.take().expect("piped")).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let Some(server_url) = first.strip_prefix("kring-server listening on ") else {
        let _ = server.kill();
        let _ = server.wait();
        return Err(Failure::new(format!(
            "the server did not start (it said: {first:?})"
        )));
    };
    let server_url = server_url.trim().to_owned();
    let mut running = DevLoop {
        server,
        trunk: None,
        app_url: app_url.clone(),
        app_port,
        banner: Arc::new(Mutex::new(Vec::new())),
        banner_done: Arc::new(AtomicBool::new(false)),
    };
    // The server's start-up message names its own address; the browser uses Trunk's,
    // which passes /api on. Held back until the app is built, so it is not scrolled away.
    {
        let (banner, banner_done) = (running.banner.clone(), running.banner_done.clone());
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if banner_done.load(Ordering::SeqCst) {
                    println!("{line}");
                } else if line.trim() == SERVER_LAST_BANNER_LINE {
                    banner_done.store(true, Ordering::SeqCst);
                } else if !line.contains("API only") {
                    let line = line.replace(&server_url, &app_url);
                    banner.lock().expect("banner lock").push(line);
                }
            }
        });
    }

    util::step("Starting trunk serve (the first build of the app takes a few minutes)");
    let trunk = Command::new(trunk)
        .args(["serve", "--offline", "--skip-version-check", "--port"])
        .arg(app_port.to_string())
        .arg("--dist")
        .arg(dev.join("dist"))
        .current_dir(&root)
        .env("PATH", &tools.path)
        .spawn()
        .map_err(|e| Failure::new(format!("cannot start trunk serve: {e}")))?;
    running.trunk = Some(trunk);
    Ok(running)
}

/// The loop's own folder: the server's data and Trunk's output.
fn dev_folder() -> PathBuf {
    setup::target_dir().join("dev")
}

/// Whether Trunk serves the built page (it answers only once the first build is done).
fn app_is_served(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.") && answer.contains(" 200 ") && answer.contains("<html")
}

fn announce(running: &DevLoop) {
    let app_url = &running.app_url;
    util::step(&format!(
        "The app (debug build, rebuilt on every save): {app_url}/"
    ));
    util::note(&format!(
        "The API is the reference server with demo data in {}, under {app_url}/api",
        dev_folder().join("data").display()
    ));
    for line in running.banner.lock().expect("banner lock").iter() {
        println!("{line}");
    }
    println!("  Stop both with Ctrl-C.");
}

#[cfg(test)]
mod tests {
    use super::{app_port_and_server_args, dev_ports, DevPorts};

    #[test]
    fn the_ports_come_from_trunk_toml() {
        let toml = "[build]\ntarget = \"index.html\"\n\n[serve]\naddresses = [\"127.0.0.1\"]\nport = 8080\n\n[[proxy]]\nbackend = \"http://127.0.0.1:8081/api\"\n";
        assert_eq!(
            dev_ports(toml).unwrap(),
            DevPorts {
                app: 8080,
                api: 8081
            }
        );
        assert!(dev_ports("[serve]\nport = 8080\n").is_err());
    }

    #[test]
    fn port_is_the_apps_and_the_rest_goes_to_the_server() {
        let args: Vec<String> = ["--port", "9000", "--", "--demo-size", "large", "--demo"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (port, rest) = app_port_and_server_args(&args, 8080).unwrap();
        assert_eq!(port, 9000);
        assert_eq!(rest, ["--demo-size", "large"]);
        let (port, _) = app_port_and_server_args(&["--port=9001".into()], 8080).unwrap();
        assert_eq!(port, 9001);
        assert!(app_port_and_server_args(&["--port".into()], 8080).is_err());
    }
}
