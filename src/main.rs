//! The `glossa` binary: parse arguments, run, exit with the CLI's code.

fn main() -> std::process::ExitCode {
    glossa::cli::main()
}
