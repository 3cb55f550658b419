package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown files leads to a file and heading that exist.
 */
class MarkdownLinksTests {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

  @Test
  void relativeLinksResolveToExistingFilesAndHeadings() {
    int links = 0;
    for (Path doc : MarkdownFiles.all()) {
      Matcher link = LINK.matcher(FENCE.matcher(RepoFiles.read(doc)).replaceAll(""));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http:, https:, mailto:
        }
        links++;
        String where = RepoFiles.repoDir().relativize(doc) + ": " + link.group();
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        assertThat(resolved).as(where).exists();
        assertThat(resolved.startsWith(RepoFiles.repoDir())).as(where).isTrue();
        if (hash >= 0 && Files.isRegularFile(resolved)) {
          assertThat(anchors(resolved)).as(where).contains(target.substring(hash + 1));
        }
      }
    }
    assertThat(links).isPositive();
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
  private static Set<String> anchors(Path doc) {
    Set<String> anchors = new HashSet<>();
    Matcher heading = HEADING.matcher(FENCE.matcher(RepoFiles.read(doc)).replaceAll(""));
    while (heading.find()) {
      anchors.add(
          heading
              .group(1)
              .strip()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return anchors;
  }
}
