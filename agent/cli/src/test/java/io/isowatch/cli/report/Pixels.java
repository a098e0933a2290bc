package io.isowatch.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** What a screenshot shows, in numbers: how varied it is and how often a colour appears. */
public record Pixels(BufferedImage image) {
  public static Pixels read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IOException(png + " is not an image ImageIO can read");
    }
    return new Pixels(image);
  }

  /** Variance of the luminance over every pixel: 0 for a blank page. */
  public double luminanceVariance() {
    double sum = 0;
    double squares = 0;
    long n = (long) image.getWidth() * image.getHeight();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        double l =
            0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
        sum += l;
        squares += l * l;
      }
    }
    double mean = sum / n;
    return squares / n - mean * mean;
  }

  /** Pixels within {@code tolerance} (per channel) of the colour {@code r, g, b}. */
  public long count(double r, double g, double b, int tolerance) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - r) <= tolerance
            && Math.abs(((rgb >> 8) & 0xff) - g) <= tolerance
            && Math.abs((rgb & 0xff) - b) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }

  /** Pixels close to a {@code #rrggbb} colour. */
  public long count(String hex, int tolerance) {
    int[] c = rgb(hex);
    return count(c[0], c[1], c[2], tolerance);
  }

  public static int[] rgb(String hex) {
    int value = Integer.parseInt(hex.substring(1), 16);
    return new int[] {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
  }
}
