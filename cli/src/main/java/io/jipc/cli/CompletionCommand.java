package io.jipc.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code jipc completion}: a bash completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for jipc.",
                "Load it in the current shell with: source <(jipc completion)",
                "Install it for every new shell with: jipc completion > ~/.local/share/bash-completion/completions/jipc (or add the source line to ~/.bashrc). It also works in zsh after 'autoload -U +X bashcompinit && bashcompinit'."})
public final class CompletionCommand extends BaseCommand {
    @Override
    public Integer call() {
        out().print(AutoComplete.bash("jipc", spec.root().commandLine()));
        out().flush();
        return Main.EXIT_OK;
    }
}
