package dev.beam.loadgen;

/** bin/loadgen: parses the options, runs the load, prints the summary and the JSON line. */
public final class LoadGen {
    private LoadGen() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.HelpRequested e) {
            System.out.print(LoadOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            LoadReport report = LoadRun.run(options);
            System.out.print(ReportText.summary(report));
            System.out.println(ReportJson.line(report));
            System.exit(report.passed() ? 0 : 1);
        } catch (IllegalStateException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            System.err.println("loadgen: interrupted");
            System.exit(2);
        }
    }
}
