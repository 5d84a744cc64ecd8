//! `samictl report` in a real browser (docs/spec 19): headless Chromium from the
//! distribution's packages, driven through chromedriver's WebDriver HTTP API on 127.0.0.1 with
//! a small std::net client. One session loads the page from a file:// URL and checks: no
//! console error, no request besides the page itself, Expand all opens every card (and
//! `aria-expanded` flips), a bot named `<img src=x onerror=alert(1)>` is text (no img element,
//! no alert). It also takes the screenshots of docs/report.md at 1280 and 390 pixels wide:
//! written there with SAMICTL_REGENERATE=1, otherwise taken to a scratch folder and the docs'
//! copies checked to exist at those widths.
//!
//! Without chromium and chromedriver the test says so loudly and passes, unless CI is set
//! (`.ci/run` installs them), where it fails.

use crate::common::{BIN, root, scratch, write};
use serde_json::{Value, json};
use std::io::{Read, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The bot whose name would run script if the page didn't escape it.
pub const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The demo fleet of the screenshots: the fleet fixtures, a bot with messaging cards, and the
/// hostile one.
pub fn demo_fleet(dir: &Path) {
    for name in [
        "seller-outreach.yaml",
        "seller-outreach-v2.yaml",
        "reactivation.yaml",
        "zz-broken.yaml",
    ] {
        write(
            dir,
            &format!("bots/{name}"),
            &crate::common::fixture(&format!("fleet/{name}")),
        );
    }
    write(
        dir,
        "bots/messaging.yaml",
        &crate::common::fixture("messaging/bot.yaml"),
    );
    write(
        dir,
        "bots/hostile.yaml",
        &format!(
            "version: 1\nbot:\n  name: \"{HOSTILE_NAME}\"\n  direction: inbound\noutcomes:\n  opt-out:\n    actions:\n      - type: tag\n        name: opted-out\n"
        ),
    );
}

/// chromedriver, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request to chromedriver (which refuses HTTP/1.0); the JSON body of the answer,
/// read to its Content-Length.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to chromedriver");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let (head_end, length) = loop {
        let n = stream.read(&mut buf).expect("chromedriver's answer");
        assert!(
            n > 0,
            "{method} {path}: the connection closed before an answer"
        );
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            break (i + 4, length);
        }
    };
    match length {
        Some(len) => {
            while raw.len() < head_end + len {
                let n = stream.read(&mut buf).expect("chromedriver's answer");
                assert!(n > 0, "{method} {path}: the answer was cut short");
                raw.extend_from_slice(&buf[..n]);
            }
            raw.truncate(head_end + len);
        }
        None => {
            stream.read_to_end(&mut raw).expect("chromedriver's answer");
        }
    }
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let rest = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(&rest)
    } else {
        rest
    };
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{method} {path}: {e}: {head}\n{body}"))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

struct Session {
    port: u16,
    id: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = http(
            self.port,
            method,
            &format!("/session/{}{path}", self.id),
            body.as_ref(),
        );
        answer["value"].clone()
    }

    fn ok(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.call(method, path, body);
        assert!(
            v.get("error").is_none(),
            "{method} {path}: {}",
            v.to_string().chars().take(2000).collect::<String>()
        );
        v
    }

    fn js(&self, script: &str) -> Value {
        self.ok(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.ok(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    fn log(&self, kind: &str) -> Vec<Value> {
        match self.ok("POST", "/se/log", Some(json!({"type": kind}))) {
            Value::Array(a) => a,
            other => panic!("log {kind}: {other}"),
        }
    }

    fn click(&self, css: &str) {
        let el = self.ok(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("element {css}: {el}"))
            .to_owned();
        self.ok("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// A PNG of the viewport, `width` CSS pixels wide and `height` high.
    fn screenshot(&self, width: u32, height: u32) -> Vec<u8> {
        use base64::Engine;
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        let shot = self.cdp("Page.captureScreenshot", json!({"format": "png"}));
        let data = shot["data"].as_str().expect("screenshot data");
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("base64 PNG")
    }
}

fn start_driver(driver: &Path) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let d = Driver { child, port };
    // Bounded: 200 tries, 50 ms apart.
    for _ in 0..200 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return d;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("chromedriver did not listen on 127.0.0.1:{port}");
}

/// The width in a PNG's header.
fn png_width(bytes: &[u8]) -> u32 {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]])
}

#[test]
fn the_report_works_in_headless_chromium() {
    let (Some(chromium), Some(driver)) = (
        find("chromium").or_else(|| find("chromium-browser")),
        find("chromedriver"),
    ) else {
        assert!(
            !in_ci(),
            "chromium and chromedriver are required under CI (.ci/run installs them)"
        );
        eprintln!(
            "\n\n*** SKIPPED report_browser: chromium or chromedriver is missing. \
             Install them (apt-get install chromium chromium-driver) to run the browser test. ***\n"
        );
        return;
    };
    let dir = scratch("report_browser");
    demo_fleet(&dir);
    let out = Command::new(BIN)
        .current_dir(&dir)
        .args(["--no-config", "report", "bots", "-o", "report.html"])
        .output()
        .unwrap();
    // zz-broken.yaml has errors: the page is written and the exit code is 1.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let page = dir.join("report.html").canonicalize().unwrap();
    let url = format!("file://{}", page.display());

    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let d = start_driver(&driver);
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.display().to_string(),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     "--disable-dev-shm-usage", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.display())]
        },
        "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"}
    }}});
    let created = http(d.port, "POST", "/session", Some(&caps));
    let id = created["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {created}"))
        .to_owned();
    let s = Session { port: d.port, id };

    s.ok("POST", "/url", Some(json!({"url": url})));
    assert_eq!(s.js("return document.readyState"), json!("complete"));

    // The hostile name is text: no img element, no alert, the name readable as written.
    assert_eq!(
        s.js("return document.querySelectorAll('img').length"),
        json!(0)
    );
    assert_eq!(
        s.js(&format!(
            "return document.body.textContent.includes({})",
            json!(HOSTILE_NAME)
        )),
        json!(true)
    );
    let alert = s.call("GET", "/alert/text", None);
    assert_eq!(alert["error"], json!("no such alert"), "{alert}");

    // Collapsed by default; Expand all opens every card and flips aria-expanded.
    let cards = s.js("return document.querySelectorAll('details.card').length");
    assert!(cards.as_u64().unwrap_or(0) >= 8 * 5, "{cards}");
    assert_eq!(
        s.js("return document.querySelectorAll('details.card[open]').length"),
        json!(0)
    );
    let state = "var b=document.getElementById('expand-all');return [b.hidden,b.getAttribute('aria-expanded'),b.textContent]";
    assert_eq!(s.js(state), json!([false, "false", "Expand all"]));
    s.click("#expand-all");
    assert_eq!(
        s.js("return document.querySelectorAll('details.card:not([open])').length"),
        json!(0)
    );
    assert_eq!(s.js(state), json!([false, "true", "Collapse all"]));
    s.click("#expand-all");
    assert_eq!(
        s.js("return document.querySelectorAll('details.card[open]').length"),
        json!(0)
    );
    assert_eq!(s.js(state), json!([false, "false", "Expand all"]));
    // A card opened by hand (no script needed), then Expand all still opens the rest.
    s.click("details.card > summary");
    assert_eq!(
        s.js("return document.querySelectorAll('details.card[open]').length"),
        json!(1)
    );
    s.click("#expand-all");
    assert_eq!(
        s.js("return document.querySelectorAll('details.card:not([open])').length"),
        json!(0)
    );

    // Screenshots: the top of the page, and the first bot's cards open.
    let shots = if std::env::var_os("SAMICTL_REGENERATE").is_some() {
        root().join("docs")
    } else {
        dir.join("shots")
    };
    std::fs::create_dir_all(&shots).unwrap();
    s.click("#expand-all"); // collapse all
    s.js("var c=document.querySelectorAll('#bots ~ section.bot')[1].querySelectorAll('details.card');for(var i=0;i<4;i++)c[i].open=true;return 0");
    for (width, height) in [(1280, 1400), (390, 1400)] {
        s.js("window.scrollTo(0,0);return 0");
        let top = s.screenshot(width, height);
        assert_eq!(png_width(&top), width);
        std::fs::write(shots.join(format!("report-{width}.png")), &top).unwrap();
        s.js("var h=document.querySelectorAll('#bots ~ section.bot')[1];window.scrollTo(0,h.getBoundingClientRect().top+window.scrollY-50);return 0");
        let cards = s.screenshot(width, height);
        std::fs::write(shots.join(format!("report-{width}-cards.png")), &cards).unwrap();
    }
    for name in [
        "report-1280",
        "report-1280-cards",
        "report-390",
        "report-390-cards",
    ] {
        let path = root().join(format!("docs/{name}.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{}: {e}; regenerate: SAMICTL_REGENERATE=1 cargo test --locked --test it report_browser::", path.display())
        });
        let want = if name.starts_with("report-1280") {
            1280
        } else {
            390
        };
        assert_eq!(png_width(&bytes), want, "{name}");
    }

    // Nothing went wrong and nothing was fetched.
    let errors: Vec<Value> = s
        .log("browser")
        .into_iter()
        .filter(|e| e["level"] == json!("SEVERE"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    let mut requests = Vec::new();
    for entry in s.log("performance") {
        let Some(message) = entry["message"].as_str() else {
            continue;
        };
        let m: Value = serde_json::from_str(message).unwrap_or(Value::Null);
        let method = m["message"]["method"].as_str().unwrap_or("");
        let params = &m["message"]["params"];
        if method == "Network.requestWillBeSent" || method.starts_with("Network.webSocket") {
            let target = params["request"]["url"].as_str().or(params["url"].as_str());
            let document = params["documentURL"].as_str().unwrap_or("");
            // The browser's own start page (chrome://new-tab-page...) loads before ours.
            let browser_own = document != url
                && ["chrome://", "chrome-untrusted://"]
                    .iter()
                    .any(|p| document.starts_with(p) || target.is_some_and(|t| t.starts_with(p)));
            if !browser_own {
                requests.push(json!({"url": target, "document": document}));
            }
        }
    }
    assert!(
        requests
            .iter()
            .all(|r| r["url"].as_str() == Some(url.as_str())),
        "requests besides the page: {requests:?}"
    );
    assert!(
        !requests.is_empty(),
        "the performance log saw no request at all"
    );
    let _ = http(d.port, "DELETE", &format!("/session/{}", s.id), None);
}
