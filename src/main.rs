//! The `glossa` binary: parse arguments, run, exit with the CLI's code. The CLI ([`cli`]) is a
//! thin shell over `glossa-engine`, `glossa-project` and `glossa-server`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
