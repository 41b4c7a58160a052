/* seg-analysis-private.h — internals shared by seg-analysis*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-analysis.h"

G_BEGIN_DECLS

/* Models read back from an analysis file (seg-analysis-apply.c): churn and CLV score
 * with these instead of fitting when SegResult.saved is set. */
typedef struct
{
  gboolean            has_churn;
  char              **churn_features;   /* p */
  guint               churn_p;
  double             *churn_mean;       /* training mean (also fills missing cells) */
  double             *churn_scale;      /* training SD */
  double             *churn_coef;       /* per SD */
  double              churn_intercept;
  double              churn_threshold;
  guint               churn_n_excluded;  /* what the fit left out, and why */
  char              **churn_excluded;
  char              **churn_excluded_reasons;
  SegChurnExclusion  *churn_exclusions;
  gboolean            has_bgnbd;
  SegBgnbdParams      bgnbd;
  gboolean            has_gamma_gamma;
  SegGammaGammaParams gamma_gamma;
} SegSavedModels;

struct _SegClusters
{
  char          **features;   /* p names */
  guint           p;
  SegScaleReport *scale;
  SegMatrix      *scaled;     /* n × p, imputed and z-scored */
  SegKMeansResult *fit;       /* the kept k */
  SegKSweep      *sweep;      /* NULL without a sweep */
  double         *centroids;  /* k × p in the features' own units */
  double         *profile;    /* k × p mean z per cluster, NAN when empty */
  char          **names;      /* k suggested persona names (editable later) */
  char          **actions;    /* k recommended actions */
  double         *silhouette; /* per customer, NAN when not computed */
  gboolean        silhouette_sampled;
};

struct _SegChurn
{
  char              *label;        /* "recency_days > 180", a column or an expression */
  char             **features;     /* p feature names */
  guint              p;
  char             **excluded;     /* columns left out ... */
  char             **excluded_reasons;   /* ... and why, in words */
  SegChurnExclusion *exclusions;   /* ... and why, as figures */
  guint              n_excluded;
  char              *note;         /* why the label columns are left out, or NULL */
  double            *coef;         /* p: change in log-odds per one SD of the feature */
  double            *odds_ratio;   /* p: exp (coef) */
  double             intercept;
  double             threshold;    /* predicted churn when probability > threshold */
  SegBinaryMetrics   test;         /* on the held-out customers */
  SegBinaryMetrics   train;
  char              *warning;      /* e.g. perfect separation, or NULL */
  gsize              n_scored;
  guint64           *rows;         /* n_scored: customer row of each scored customer */
  guint64            n;            /* customers */
  double            *probability;  /* per customer; NAN when not scored */
  double            *label_value;  /* per customer 0/1; NAN when not scored */
  gboolean          *is_test;      /* per customer: held out for testing */
  SegLogisticResult *fit;          /* NULL when scored with saved models */
  double             churn_rate;   /* share of the scored customers labelled 1 */
  SegBySegment       by[SEG_N_SEGMENTATIONS];
  double             days;         /* the recency rule's window; NAN with a label column */
  char              *days_note;    /* why @days is not the one asked for, or NULL */
};

struct _SegResult
{
  gatomicrefcount    ref_count;
  SegDataset        *dataset;
  SegAnalysisOptions options;
  guint              n_numeric;
  char             **numeric;        /* customer numeric columns for means */
  double            *overall_mean;   /* n_numeric */
  double            *overall_sd;
  GPtrArray         *skipped;        /* SegSkipped* */
  GPtrArray         *notices;        /* char* */

  SegSegmentation   *rules;
  SegRuleSet        *rule_set;
  SegSegmentation   *rfm;
  SegRfmScores      *rfm_scores;
  SegRfmMap         *rfm_map;
  guint             *rfm_counts;     /* bins × bins */
  double            *rfm_monetary;   /* bins × bins */
  gsize              rfm_ties[3];    /* R, F, M customers on a boundary tie */
  /* k-means and PCA: borrowed from @features, which a re-run with the same
   * dataset and feature settings shares instead of recomputing */
  SegSegmentation   *kmeans;
  SegClusters       *clusters;
  SegPca            *pca;
  struct _SegFeaturePart *features;
  SegChurn          *churn;
  double             churn_suggested_days;   /* NAN = none */
  SegClv            *clv;
  const SegSavedModels *saved;       /* borrowed during seg_analysis_apply () */
};

typedef struct _SegFeaturePart
{
  SegSegmentation *kmeans;
  SegClusters     *clusters;
  SegPca          *pca;
  GPtrArray       *skipped;   /* SegSkipped* made by this part */
  GPtrArray       *notices;   /* char* */
} SegFeaturePart;

typedef struct
{
  SegResult    *result;
  GCancellable *cancellable;
  SegProgressFunc progress;
  gpointer      progress_data;
} SegRun;

/* An empty result (seg-analysis-apply.c fills it from saved models). */
SegResult       *seg_result_new         (SegDataset               *dataset,
                                         const SegAnalysisOptions *options);
/* Gives @r its k-means and PCA parts (transfer full; each nullable). */
void             seg_result_set_features (SegResult       *r,
                                          SegSegmentation *kmeans,
                                          SegClusters     *clusters,
                                          SegPca          *pca);

void             seg_run_skip           (SegRun     *run,
                                         SegMethods  method,
                                         const char *reason);
gboolean         seg_run_cannot         (SegRun     *run,
                                         SegMethods  method,
                                         const char *reason,
                                         GError    **error);
const char      *seg_analysis_method_name (SegMethods method);
void             seg_run_progress       (SegRun     *run,
                                         double      fraction,
                                         const char *message);

/* Builds per-segment summaries for @labels (n customers, G_MAXUINT = none). */
SegSegmentation *seg_segmentation_new   (SegResult   *result,
                                         const char  *method,
                                         guint        n_segments,
                                         char       **names,    /* transfer full */
                                         guint       *labels);  /* transfer full */
void             seg_segmentation_free  (SegSegmentation *seg);

gboolean         seg_analysis_run_rules (SegRun  *run,
                                         GError **error);
void             seg_clusters_free      (SegClusters *clusters);
/* Fills clusters->profile from the scaled features and the fit. */
void             seg_clusters_measure_profile (SegClusters *clusters);

/* seg-analysis-features.c: the feature matrix, k-means and PCA */
gboolean         seg_analysis_run_features (SegRun  *run,
                                            GError **error);

/* seg-analysis-churn.c and seg-analysis-clv.c (run after the segmentations) */
gboolean         seg_analysis_run_churn (SegRun  *run,
                                         GError **error);
void             seg_churn_free         (SegChurn *churn);
/* churn.excluded of summary.json and models.churn.excluded of an analysis
 * file: [{feature, reason, kind, column?, share | correlation}] */
void             seg_churn_build_excluded (JsonBuilder    *b,
                                           const SegChurn *churn);
/* Reads that array into @s (FALSE when it is damaged). */
gboolean         seg_churn_read_excluded  (JsonArray      *array,
                                           SegSavedModels *s);
void             seg_churn_exclusions_free (SegChurnExclusion *exclusions,
                                            guint              n);
/* Sets @c's features (p, names) to the numeric customer columns the model
 * may use, and its exclusions to the others and why; @defining names the
 * columns the label is made of (seg-analysis-churn-features.c). */
void             seg_churn_choose_features (SegResult *r,
                                            SegChurn  *c,
                                            GPtrArray *defining);
/* The n_scored × p matrix, missing cells replaced by the training mean (the
 * same seeded split seg_logistic_run () makes with @lo).
 * Returns: (transfer full) (nullable): NULL with @error set. */
double          *seg_churn_feature_rows (SegRun                   *run,
                                         SegChurn                 *c,
                                         const guint8             *y,
                                         const SegLogisticOptions *lo,
                                         GError                  **error);
gboolean         seg_analysis_run_clv   (SegRun  *run,
                                         GError **error);
void             seg_clv_free           (SegClv *clv);
/* The segmentations in SegBySegment order (entries may be NULL). */
void             seg_result_segmentations (const SegResult        *result,
                                           const SegSegmentation **out);
void             seg_by_segment_clear   (SegBySegment *by);
/* The entry of @by (SEG_N_SEGMENTATIONS of them) for @method ("rules",
 * "rfm", "kmeans" or its other name "clusters"), or NULL. */
const SegBySegment *seg_by_segment_find (const SegBySegment *by,
                                         const char         *method);
G_END_DECLS
