package io.jipc.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every subcommand shares: its output streams and the root command's settings. */
abstract class BaseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Main root() {
        return (Main) spec.root().userObject();
    }

    /** The columns tables are laid out for (see {@link Main#columns()}). */
    int columns() {
        return root().columns();
    }

    boolean verbose() {
        return root().verbose;
    }
}
