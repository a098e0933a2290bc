package io.isowatch.cli.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on a rendered report page that tests of several packages share. */
public final class PageChecks {
  private PageChecks() {}

  /** src=, href= and url() values that leave the page (anything but a fragment or data:). */
  public static java.util.List<String> externalReferences(String html) {
    java.util.List<String> found = new java.util.ArrayList<>();
    Matcher m =
        Pattern.compile("(?i)(?:src|href)\\s*=\\s*[\"']?([^\"'\\s>]+)|url\\(\\s*[\"']?([^\"')]+)")
            .matcher(html);
    while (m.find()) {
      String target = m.group(1) != null ? m.group(1) : m.group(2);
      if (!target.startsWith("#") && !target.startsWith("data:")) {
        found.add(target);
      }
    }
    Matcher http = Pattern.compile("(?i)(?:src|href|url)[^>]{0,20}https?://").matcher(html);
    while (http.find()) {
      found.add(http.group());
    }
    return found;
  }
}
