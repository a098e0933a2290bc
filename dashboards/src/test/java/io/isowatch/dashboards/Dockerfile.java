package io.isowatch.dashboards;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it (comments dropped, {@code \} continuations
 * joined), cut into its stages: enough to run what an image would run without an engine. Only the
 * forms the repository's Dockerfiles use are understood; anything else fails naming the line.
 */
record Dockerfile(Path file, List<Stage> stages) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FROM =
      Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENV_PAIR =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
  private static final Pattern OPTION = Pattern.compile("--([a-z-]+)=(\\S+)\\s+");

  /** One instruction: its keyword in upper case and the rest of its (joined) line. */
  record Instruction(String keyword, String arguments) {}

  /** A {@code FROM} and the instructions up to the next one. */
  record Stage(String base, Optional<String> name, List<Instruction> instructions) {
    List<String> arguments(String keyword) {
      return instructions.stream()
          .filter(i -> i.keyword().equals(keyword))
          .map(Instruction::arguments)
          .toList();
    }

    /** The last instruction of this kind (the one Docker applies), if any. */
    Optional<String> last(String keyword) {
      List<String> all = arguments(keyword);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every {@code ENV} of the stage, in order, later ones winning. */
    Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      for (String arguments : arguments("ENV")) {
        Matcher pair = ENV_PAIR.matcher(arguments);
        int consumed = 0;
        while (pair.find()) {
          String value = pair.group(2);
          if (value.startsWith("\"")) {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
          }
          environment.put(pair.group(1), value);
          consumed += pair.group().length();
        }
        if (consumed == 0) {
          throw new IllegalArgumentException("ENV without KEY=VALUE pairs: " + arguments);
        }
      }
      return environment;
    }

    /** An exec-form instruction ({@code ["java", "-jar", ...]}) as its argument list. */
    List<String> execForm(String keyword) {
      String arguments =
          last(keyword)
              .orElseThrow(() -> new IllegalArgumentException("no " + keyword + " in " + this));
      return execForm(keyword, arguments);
    }

    static List<String> execForm(String keyword, String arguments) {
      if (!arguments.startsWith("[")) {
        throw new IllegalArgumentException(
            keyword + " in shell form (runs under /bin/sh -c, signals miss the JVM): " + arguments);
      }
      try {
        return JSON.readValue(arguments, new TypeReference<List<String>>() {});
      } catch (IOException e) {
        throw new IllegalArgumentException(keyword + " is not a JSON array: " + arguments, e);
      }
    }

    List<Integer> exposedPorts() {
      List<Integer> ports = new ArrayList<>();
      for (String arguments : arguments("EXPOSE")) {
        for (String port : arguments.split("\\s+")) {
          ports.add(Integer.parseInt(port.replace("/tcp", "")));
        }
      }
      return ports;
    }

    Optional<HealthCheck> healthCheck() {
      return last("HEALTHCHECK").map(HealthCheck::parse);
    }
  }

  /** {@code HEALTHCHECK [--option=value]... CMD [...]}: its options and exec-form command. */
  record HealthCheck(Map<String, String> options, List<String> command) {
    static HealthCheck parse(String arguments) {
      Map<String, String> options = new LinkedHashMap<>();
      Matcher option = OPTION.matcher(arguments);
      int end = 0;
      while (option.find(end) && option.start() == end) {
        options.put(option.group(1), option.group(2));
        end = option.end();
      }
      String rest = arguments.substring(end);
      if (!rest.startsWith("CMD ")) {
        throw new IllegalArgumentException("HEALTHCHECK without CMD: " + arguments);
      }
      return new HealthCheck(options, Stage.execForm("HEALTHCHECK", rest.substring(4).trim()));
    }

    /** A duration option such as {@code --start-period=60s}, in seconds. */
    long seconds(String name) {
      String value = options.get(name);
      if (value == null || !value.matches("[0-9]+s")) {
        throw new IllegalArgumentException(
            "HEALTHCHECK --" + name + " is not a whole number of seconds: " + value);
      }
      return Long.parseLong(value.substring(0, value.length() - 1));
    }
  }

  static Dockerfile read(Path file) throws IOException {
    List<Stage> stages = new ArrayList<>();
    String base = null;
    Optional<String> name = Optional.empty();
    List<Instruction> instructions = new ArrayList<>();
    for (String line : logicalLines(Files.readAllLines(file))) {
      String[] parts = line.split("\\s+", 2);
      String keyword = parts[0].toUpperCase(Locale.ROOT);
      String arguments = parts.length > 1 ? parts[1].trim() : "";
      if (keyword.equals("FROM")) {
        if (base != null) {
          stages.add(new Stage(base, name, List.copyOf(instructions)));
        }
        Matcher from = FROM.matcher(arguments);
        if (!from.matches()) {
          throw new IllegalArgumentException(file + ": FROM I cannot read: " + line);
        }
        base = from.group(1);
        name = Optional.ofNullable(from.group(2));
        instructions.clear();
      } else if (base != null) {
        instructions.add(new Instruction(keyword, arguments));
      } else if (!keyword.equals("ARG")) {
        throw new IllegalArgumentException(file + ": " + keyword + " before the first FROM");
      }
    }
    if (base != null) {
      stages.add(new Stage(base, name, List.copyOf(instructions)));
    }
    return new Dockerfile(file, List.copyOf(stages));
  }

  /** The stage the image is made of: the last one. */
  Stage runStage() {
    return stages.get(stages.size() - 1);
  }

  Stage stage(String name) {
    return stages.stream()
        .filter(s -> s.name().filter(name::equalsIgnoreCase).isPresent())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(file + " has no stage " + name));
  }

  /** Comment lines dropped (also inside continuations, as Docker does), continuations joined. */
  private static List<String> logicalLines(List<String> physical) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : physical) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
      } else {
        current.append(stripped);
        logical.add(current.toString().trim());
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      logical.add(current.toString().trim());
    }
    return logical;
  }
}
