package dev.flowinspector.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * The common shapes of {@code decode}'s arguments, read without picocli: {@code decode FILE} with any of
 * {@code -F/--format FORMAT}, {@code -e/--field NAME} (repeatable), {@code -Y/--display-filter FILTER},
 * {@code --one-pass} and {@code --problems}, each as a separate argument. Building picocli's model of the command
 * by reflection took about 70 ms of every start, and the JDK code that makes its annotation proxies kept the C1
 * compiler busy beside it (docs/decisions/0040); these shapes are what tshark users type and what scripts run over
 * many files.
 *
 * <p>Anything else goes to picocli, which then reads the arguments as it always did: other options, {@code --help},
 * {@code name=value} and clustered forms, an option given twice (picocli refuses that), a value or file that starts
 * with {@code -} or {@code @} (an option, standard input, an argument file), an empty value, a second file or none,
 * a format picocli would refuse. For what is taken here the command's fields get the same values picocli gives
 * them ({@code DecodeArgsTest} compares both ways field by field), so the run is the same.
 */
final class DecodeArgs {

    private DecodeArgs() {
    }

    /** The command these arguments describe, or null when picocli has to read them. */
    static DecodeCommand parse(String... args) {
        if (args.length < 2 || !args[0].equals("decode")) {
            return null;
        }
        DecodeCommand d = new DecodeCommand();
        d.format = DecodeCommand.Format.text; // the option's default
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String option = switch (a) {
                case "-F", "--format" -> "format";
                case "-e", "--field" -> "field";
                case "-Y", "--display-filter" -> "filter";
                case "--one-pass" -> "one-pass";
                case "--problems" -> "problems";
                default -> null;
            };
            if (option == null) { // the file
                if (d.file != null || !plain(a)) {
                    return null;
                }
                d.file = a;
                continue;
            }
            if (!option.equals("field") && !seen.add(option)) {
                return null;
            }
            if (option.equals("one-pass")) {
                d.onePass = true;
                continue;
            }
            if (option.equals("problems")) {
                d.problemsOnly = true;
                continue;
            }
            if (i + 1 == args.length || !plain(args[i + 1])) {
                return null;
            }
            String value = args[++i];
            switch (option) {
                case "format" -> {
                    DecodeCommand.Format f = format(value);
                    if (f == null) {
                        return null;
                    }
                    d.format = f;
                }
                case "field" -> d.fieldNames.add(value);
                default -> d.displayFilter = value;
            }
        }
        return d.file == null ? null : d;
    }

    /** A value or file name picocli takes as it is: not empty, not an option's or an argument file's form. */
    private static boolean plain(String s) {
        return !s.isEmpty() && s.charAt(0) != '-' && s.charAt(0) != '@';
    }

    /** The format of this exact name (picocli matches enum names case-sensitively), or null. */
    private static DecodeCommand.Format format(String name) {
        for (DecodeCommand.Format f : DecodeCommand.Format.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
