package io.isowatch.core.geometry;

import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.Optional;

/** Snapshot layouts of the value types the geometry trackers carry in their state. */
final class GeometryState {
  private GeometryState() {}

  static void writeClusterOptions(SnapshotWriter out, Optional<ClusterOptions> maybe) {
    out.writeBoolean(maybe.isPresent());
    maybe.ifPresent(
        options ->
            out.writeLong(options.seed())
                .writeInt(options.maxSample())
                .writeInt(options.minClusters())
                .writeInt(options.maxClusters())
                .writeDouble(options.minSilhouette())
                .writeInt(options.restarts())
                .writeInt(options.maxIterations()));
  }

  static Optional<ClusterOptions> readClusterOptions(SnapshotReader in) {
    if (!in.readBoolean()) {
      return Optional.empty();
    }
    return Optional.of(
        new ClusterOptions(
            in.readLong(),
            in.readInt(),
            in.readInt(),
            in.readInt(),
            in.readDouble(),
            in.readInt(),
            in.readInt()));
  }

  static void writeReport(SnapshotWriter out, Optional<GeometryReport> maybe) {
    out.writeBoolean(maybe.isPresent());
    if (maybe.isEmpty()) {
      return;
    }
    GeometryReport report = maybe.get();
    out.writeInt(report.size())
        .writeInt(report.dim())
        .writeDouble(report.rawAverageCosine())
        .writeDouble(report.centeredAverageCosine())
        .writeDouble(report.isoScore())
        .writeDouble(report.partition().log())
        .writeDouble(report.centeredPartition().log())
        .writeInt(report.effectiveDim80())
        .writeDouble(report.participationRatio())
        .writeDouble(report.meanNormRatio())
        .writeBoolean(report.clusterIsotropy().isPresent());
    report
        .clusterIsotropy()
        .ifPresent(
            clusters ->
                out.writeDouble(clusters.averageCosine())
                    .writeInt(clusters.clusters())
                    .writeDouble(clusters.silhouette()));
  }

  static Optional<GeometryReport> readReport(SnapshotReader in) {
    if (!in.readBoolean()) {
      return Optional.empty();
    }
    int size = in.readInt();
    int dim = in.readInt();
    double raw = in.readDouble();
    double centered = in.readDouble();
    double isoScore = in.readDouble();
    PartitionIsotropy partition = PartitionIsotropy.ofLog(in.readDouble());
    PartitionIsotropy centeredPartition = PartitionIsotropy.ofLog(in.readDouble());
    int effectiveDim = in.readInt();
    double participation = in.readDouble();
    double meanNorm = in.readDouble();
    Optional<ClusterIsotropy> clusters =
        in.readBoolean()
            ? Optional.of(new ClusterIsotropy(in.readDouble(), in.readInt(), in.readDouble()))
            : Optional.empty();
    return Optional.of(
        new GeometryReport(
            size,
            dim,
            raw,
            centered,
            isoScore,
            partition,
            centeredPartition,
            effectiveDim,
            participation,
            meanNorm,
            clusters));
  }

  static void writeMoments(SnapshotWriter out, Optional<MomentGeometry> maybe) {
    out.writeBoolean(maybe.isPresent());
    maybe.ifPresent(
        moments ->
            out.writeLong(moments.updates())
                .writeDouble(moments.effectiveSampleSize())
                .writeDouble(moments.rawAverageCosine())
                .writeDouble(moments.isoScore())
                .writeInt(moments.effectiveDim80())
                .writeDouble(moments.participationRatio())
                .writeDouble(moments.meanNormRatio()));
  }

  static Optional<MomentGeometry> readMoments(SnapshotReader in) {
    if (!in.readBoolean()) {
      return Optional.empty();
    }
    return Optional.of(
        new MomentGeometry(
            in.readLong(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readDouble(),
            in.readDouble()));
  }
}
