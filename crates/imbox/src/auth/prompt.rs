//! Reading a secret from the terminal without echoing it.

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use imbox_api::Secret;
use std::io::{self, BufRead, IsTerminal, Write};

/// Prompts on stderr and reads one line with echo off (raw mode, so nothing typed is shown).
/// When stdin is not a terminal (a pipe), reads the first line from it instead.
pub fn read_hidden(prompt: &str) -> io::Result<Secret> {
    if !io::stdin().is_terminal() {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        return Ok(Secret::new(line.trim()));
    }
    eprint!("{prompt}");
    io::stderr().flush()?;
    terminal::enable_raw_mode()?;
    let result = read_keys();
    let _ = terminal::disable_raw_mode();
    eprintln!();
    result.map(|s| Secret::new(s.trim()))
}

fn read_keys() -> io::Result<String> {
    let mut s = String::new();
    loop {
        if let Event::Key(k) = event::read()? {
            if k.kind == KeyEventKind::Release {
                continue;
            }
            match k.code {
                KeyCode::Enter => return Ok(s),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled"));
                }
                KeyCode::Esc => return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled")),
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char(c) => s.push(c),
                _ => {}
            }
        }
    }
}
