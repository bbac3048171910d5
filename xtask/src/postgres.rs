//! A throwaway PostgreSQL server for the `postgres` test suite: a fresh cluster in a
//! temporary folder, on a free loopback port, trusted without a password, tuned for
//! speed over durability, and stopped and removed when dropped (also when a test
//! failed or the suite panicked).

use std::ffi::OsString;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::setup;
use crate::util::{self, Failure};

/// The operating-system user that runs PostgreSQL when the suite runs as root
/// (PostgreSQL refuses to run as root; Debian's package creates this user).
const SERVER_USER: &str = "postgres";

/// Where the PostgreSQL server programs live.
struct ServerPrograms {
    initdb: PathBuf,
    pg_ctl: PathBuf,
}

/// A running PostgreSQL cluster of our own.
pub struct TestCluster {
    /// The temporary folder holding the data directory, socket and log.
    folder: PathBuf,
    data: PathBuf,
    log: PathBuf,
    pg_ctl: PathBuf,
    /// Run the programs as [`SERVER_USER`] (we are root).
    as_server_user: bool,
    port: u16,
    running: bool,
}

impl TestCluster {
    /// Finds (or, as root on Debian, installs) PostgreSQL, creates a cluster in a new
    /// temporary folder and starts it.
    pub fn start() -> Result<Self, Failure> {
        let programs = find_or_install()?;
        let as_server_user = util::is_root();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let folder =
            std::env::temp_dir().join(format!("kring-postgres-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&folder)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", folder.display())))?;
        // From here on, dropping the guard removes the folder (and stops the server).
        let mut cluster = Self {
            data: folder.join("data"),
            log: folder.join("server.log"),
            folder,
            pg_ctl: programs.pg_ctl,
            as_server_user,
            port: 0,
            running: false,
        };
        if as_server_user {
            quiet(
                Command::new("chown").arg(SERVER_USER).arg(&cluster.folder),
                "chown (the cluster's folder to the postgres user)",
            )?;
        }
        let mut initdb = cluster.command(&programs.initdb);
        initdb
            .arg("-D")
            .arg(&cluster.data)
            // Loopback only, no passwords: the server lives as long as the suite.
            .args(["--auth=trust", "-U", "postgres", "-E", "UTF8"])
            // Byte order for text, as SQLite's BINARY collation sorts.
            .args(["--locale=C", "--no-sync"]);
        quiet(&mut initdb, "initdb")?;

        cluster.port = free_port()?;
        // In the configuration file rather than on pg_ctl's command line, so the fault
        // test's own restart of the server gets the same settings.
        let settings = format!(
            "\n# cargo xtask test --suite postgres\n\
             listen_addresses = '127.0.0.1'\n\
             port = {port}\n\
             unix_socket_directories = '{socket}'\n\
             max_connections = 300\n\
             fsync = off\n\
             synchronous_commit = off\n\
             full_page_writes = off\n",
            port = cluster.port,
            socket = cluster.folder.display().to_string().replace('\'', "''"),
        );
        let config = cluster.data.join("postgresql.conf");
        let mut text = std::fs::read_to_string(&config)
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", config.display())))?;
        text.push_str(&settings);
        std::fs::write(&config, text)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", config.display())))?;

        quiet(&mut cluster.start_server(), "pg_ctl start").inspect_err(|_| {
            if let Ok(log) = std::fs::read_to_string(&cluster.log) {
                eprintln!("{log}");
            }
        })?;
        cluster.running = true;
        util::note(&format!(
            "PostgreSQL: running on 127.0.0.1:{} ({})",
            cluster.port,
            cluster.data.display()
        ));
        Ok(cluster)
    }

    /// The administrator's URL (database `postgres`).
    pub fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// The command that stops the server, finishing its connections (for the fault test).
    pub fn stop_command(&self) -> Vec<String> {
        words(&self.pg_ctl_command(&["stop", "-w", "-m", "fast"]))
    }

    /// The command that starts the server again (for the fault test).
    pub fn start_command(&self) -> Vec<String> {
        words(&self.start_server())
    }

    /// `pg_ctl start`, waiting until the server accepts connections, its output to the
    /// log file (which also keeps it off our pipes).
    fn start_server(&self) -> Command {
        let mut command = self.pg_ctl_command(&["start", "-w", "-t", "60", "-l"]);
        command.arg(&self.log);
        command
    }

    /// `program`, run as [`SERVER_USER`] when we are root.
    fn command(&self, program: &Path) -> Command {
        if self.as_server_user {
            let mut command = Command::new("runuser");
            command.args(["-u", SERVER_USER, "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    /// `pg_ctl -D DATA args…`.
    fn pg_ctl_command(&self, args: &[&str]) -> Command {
        let mut command = self.command(&self.pg_ctl);
        command.arg("-D").arg(&self.data).args(args);
        command
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        if self.running {
            // Immediate: nothing in it is worth a clean shutdown.
            let _ = quiet(
                &mut self.pg_ctl_command(&["stop", "-w", "-m", "immediate"]),
                "pg_ctl stop",
            );
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// A command as its program and arguments, for a test to run again.
fn words(command: &Command) -> Vec<String> {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|w| w.to_string_lossy().into_owned())
        .collect()
}

/// Runs a command, showing its output only when it fails.
fn quiet(command: &mut Command, what: &str) -> Result<(), Failure> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Failure::new(format!("cannot run {what}: {e}")))?;
    if output.status.success() {
        Ok(())
    } else {
        eprintln!("{}", String::from_utf8_lossy(&output.stdout));
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        Err(Failure::new(format!("{what} failed: {}", output.status)))
    }
}

/// A loopback port nobody listens on just now.
fn free_port() -> Result<u16, Failure> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| Failure::new(format!("no free port on 127.0.0.1: {e}")))
}

/// The newest PostgreSQL server programs: Debian's `/usr/lib/postgresql/VERSION/bin`,
/// else the folder of `pg_ctl` on PATH; as root with apt-get, Debian's `postgresql`
/// package is installed when neither has them.
fn find_or_install() -> Result<ServerPrograms, Failure> {
    if let Some(programs) = find() {
        return Ok(programs);
    }
    if util::is_root() && util::on_path("apt-get") {
        util::note("PostgreSQL: missing, installing Debian's postgresql");
        setup::apt_install(&["postgresql"])?;
        if let Some(programs) = find() {
            return Ok(programs);
        }
    }
    Err(Failure::new(
        "the postgres suite needs the PostgreSQL server programs (initdb, pg_ctl, postgres). \
         On Debian or Ubuntu: sudo apt-get install postgresql; elsewhere put PostgreSQL's \
         bin folder on PATH. Then run this again",
    ))
}

fn find() -> Option<ServerPrograms> {
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    debian.sort();
    let on_path = util::which("pg_ctl")
        .and_then(|pg_ctl| pg_ctl.canonicalize().ok())
        .and_then(|pg_ctl| pg_ctl.parent().map(Path::to_owned));
    debian
        .into_iter()
        .rev()
        .map(|(_, bin)| bin)
        .chain(on_path)
        .find(|bin| {
            ["initdb", "pg_ctl", "postgres"]
                .iter()
                .all(|program| bin.join(program).is_file())
        })
        .map(|bin| ServerPrograms {
            initdb: bin.join("initdb"),
            pg_ctl: bin.join("pg_ctl"),
        })
}

/// The environment a test run needs to reach (and, for the fault test, stop and start)
/// the cluster.
pub fn test_environment(cluster: &TestCluster, with_controls: bool) -> Vec<(String, OsString)> {
    let mut env = vec![(
        "KRING_TEST_POSTGRES_URL".to_owned(),
        OsString::from(cluster.admin_url()),
    )];
    if with_controls {
        for (name, command) in [
            ("KRING_TEST_PG_STOP", cluster.stop_command()),
            ("KRING_TEST_PG_START", cluster.start_command()),
        ] {
            let json = serde_json::to_string(&command).expect("words serialize");
            env.push((name.to_owned(), OsString::from(json)));
        }
    }
    env
}
