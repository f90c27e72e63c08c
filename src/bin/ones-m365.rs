//! `ones-m365`: the command line for helpdesk and scripts. All logic lives in the library.

fn main() {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = ones_m365_assistant::cli::run(
        std::env::args_os(),
        &mut ones_m365_assistant::cli::Io::new(&mut stdout, &mut stderr),
    );
    std::process::exit(code);
}
