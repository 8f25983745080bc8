import ArgumentParser
import Foundation

/// `fangfei`: the command line over the Fangfei library.
@main
struct FangfeiCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fangfei",
    abstract: "Screens text for illegal-fundraising and investment-scam tactics (防非).",
    discussion: """
      Exit status: 0 when nothing was flagged (or a check passed), 1 when something was flagged \
      (or a rule example failed), 2 on a usage, rule or input error, 3 when `check --image` flagged \
      nothing but a photo was too unclear to read (retake it).
      """,
    subcommands: [
      CheckCommand.self, LintCommand.self, TestCommand.self, RulesCommand.self, EvalCommand.self, ServeCommand.self,
    ]
  )

  /// Runs a command; maps usage errors to exit status 2 (ArgumentParser would use 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)  // --help, --version
      }
      Console.error(fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)")
      Console.error("Run 'fangfei help' for usage.")
      Foundation.exit(2)
    }
  }
}

/// Writing to the terminal.
enum Console {
  /// One line on standard error, prefixed `fangfei: `.
  static func error(_ message: String) {
    FileHandle.standardError.write(Data("fangfei: \(message)\n".utf8))
  }

  /// Whether standard output is a terminal and colour is allowed (`NO_COLOR` unset).
  static var colorOut: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
  }
}
