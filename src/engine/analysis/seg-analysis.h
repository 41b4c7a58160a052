/* seg-analysis.h — every method run on a dataset, as one immutable SegResult
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg_analysis_run () takes a SegDataset and SegAnalysisOptions and runs the
 * methods that apply (rules, RFM, k-means with the k sweep, PCA, profiles,
 * churn, customer lifetime value);
 * a method that cannot apply is skipped with a reason, unless it was asked
 * for explicitly, which makes it an error.  seg_analysis_rerun () reuses the
 * parts of a previous result whose settings did not change.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seg-bgnbd.h"
#include "seg-dataset.h"
#include "seg-gamma-gamma.h"
#include "seg-kmeans.h"
#include "seg-ksweep.h"
#include "seg-logistic.h"
#include "seg-pca.h"
#include "seg-rfm.h"
#include "seg-scale.h"

G_BEGIN_DECLS

typedef struct _SegResult SegResult;
typedef struct _SegRuleSet SegRuleSet;

#define SEG_TYPE_RESULT (seg_result_get_type ())

typedef enum
{
  SEG_METHOD_RULES  = 1 << 0,
  SEG_METHOD_RFM    = 1 << 1,
  SEG_METHOD_KMEANS = 1 << 2,
  SEG_METHOD_PCA    = 1 << 3,
  SEG_METHOD_CHURN  = 1 << 4,
  SEG_METHOD_CLV    = 1 << 5,
  SEG_METHOD_ALL    = 0x3f,
} SegMethods;

/* How customer lifetime value is computed (SPEC §9). */
typedef enum
{
  SEG_CLV_METHOD_AUTO,        /* BG/NBD when a transaction log has enough repeat
                                 customers or a summary table is loaded, else historical */
  SEG_CLV_METHOD_HISTORICAL,  /* total_spent */
  SEG_CLV_METHOD_RFM_PROXY,   /* total_spent * txn_count / (recency_days + 1) */
  SEG_CLV_METHOD_FORMULA,     /* clv_formula over the customer columns */
  SEG_CLV_METHOD_BGNBD,       /* BG/NBD + Gamma-Gamma, discounted */
} SegClvMethod;

/* "historical", "rfm-proxy", "formula", "bgnbd" (and "auto"). */
gboolean            seg_clv_method_parse       (const char   *text,
                                                SegClvMethod *method);
const char         *seg_clv_method_to_string   (SegClvMethod  method);

typedef struct
{
  SegMethods   methods;        /* what to try */
  SegMethods   required;       /* asked for explicitly: failing is an error */
  SegRuleSet  *rules;          /* NULL = the built-in fintech rules */
  char       **features;       /* NULL = numeric columns that are not identifiers */
  gboolean    *log1p;          /* NULL, or one flag per feature */
  guint        k;              /* 0 = auto (the suggested k of the sweep) */
  guint        k_min, k_max;   /* the sweep; k_max 0 = no sweep (only with k > 0) */
  guint        n_init;
  guint64      seed;
  guint        rfm_bins;       /* 4 or 5 */
  SegRfmMethod rfm_method;
  SegRfmMap   *rfm_map;        /* NULL = the default map for rfm_bins */
  double       churn_days;     /* default label: recency_days > churn_days (180) */
  gboolean     churn_days_auto;  /* churn_days is the default, not asked for: when it
                                    gives every customer the same label, a window
                                    suggested from the recency distribution is used */
  char        *churn_label;    /* NULL = that rule; else a column (boolean or 0/1) or
                                  a boolean expression over the customer columns */
  SegClvMethod clv_method;
  char        *clv_formula;    /* SEG_CLV_METHOD_FORMULA: expression over customer columns */
  guint        clv_months;     /* BG/NBD horizon (12) */
  double       clv_discount;   /* BG/NBD monthly discount rate (0.01) */
} SegAnalysisOptions;

void                seg_analysis_options_init  (SegAnalysisOptions *options);
void                seg_analysis_options_clear (SegAnalysisOptions *options);
void                seg_analysis_options_copy  (const SegAnalysisOptions *src,
                                                SegAnalysisOptions       *dest);
/* "metrics,rules,rfm,kmeans,pca,churn,clv" → methods; "metrics" alone = none. */
gboolean            seg_methods_parse          (const char *list,
                                                SegMethods *methods,
                                                GError    **error);

/* Per segment: DESIGN's segments.csv / summary.json figures. */
typedef struct
{
  char    *name;
  guint    customers;
  double   share;          /* customers / all customers */
  double   total_spent;    /* NAN without a total_spent column */
  double   avg_spent;      /* total_spent / customers (SQL AVG over customers) */
  double  *means;          /* one per SegResult numeric column, NAN when no values */
  double  *medians;
  double  *z;              /* (segment mean − overall mean) / overall SD */
} SegSegment;

typedef struct
{
  const char *method;      /* "rules", "rfm", "kmeans" */
  guint       n_segments;
  SegSegment *segments;
  guint      *labels;      /* per customer, G_MAXUINT = in no segment */
} SegSegmentation;

typedef struct
{
  char *method;
  char *reason;
} SegSkipped;

/* k-means on the chosen features (opaque; seg_clusters_get_* below). */
typedef struct _SegClusters SegClusters;

/* A churn or CLV figure per segment of one segmentation; arrays are indexed
 * like that segmentation's segments (n_segments 0 when it did not run). */
typedef struct
{
  const char *method;            /* "rules", "rfm", "kmeans" */
  guint       n_segments;
  guint      *customers;         /* customers with a value (churn: scored) */
  double     *churn_rate;        /* churn: share labelled churned, NAN when none */
  double     *mean_probability;  /* churn: mean churn probability */
  double     *avg_clv;           /* clv: mean CLV, NAN when none */
  double     *total_clv;         /* clv: sum */
} SegBySegment;

#define SEG_N_SEGMENTATIONS 3    /* rules, rfm, kmeans, in that order */

/* Why a column was left out of the churn model (SPEC §8).  The share rules
 * compare a feature with each column the label is defined from (recency_days
 * for the default label) over the labelled customers. */
typedef enum
{
  SEG_CHURN_EXCLUDED_DEFINES,          /* the label is defined from it */
  SEG_CHURN_EXCLUDED_MISSING,          /* empty for more than half of them (share) */
  SEG_CHURN_EXCLUDED_EQUALS,           /* equal to the column for a share of them */
  SEG_CHURN_EXCLUDED_IN_STEP,          /* a strictly monotone function of it for a share */
  SEG_CHURN_EXCLUDED_CORRELATED,       /* |Pearson correlation| >= 0.95 */
  SEG_CHURN_EXCLUDED_RANK_CORRELATED,  /* |Spearman correlation| >= 0.95 */
} SegChurnExclusionKind;

typedef struct
{
  SegChurnExclusionKind kind;
  char                 *column;        /* the label's column it gives away, or NULL */
  double                share;         /* of the labelled customers, or NAN */
  double                correlation;   /* or NAN */
} SegChurnExclusion;

const char      *seg_churn_exclusion_kind_to_string   (SegChurnExclusionKind  kind);
gboolean         seg_churn_exclusion_kind_from_string (const char            *text,
                                                       SegChurnExclusionKind *kind);

/* The churn model (opaque; seg_churn_get_* below).  Its test and training
 * figures are SegBinaryMetrics (seg-logistic.h). */
typedef struct _SegChurn SegChurn;

typedef struct
{
  SegClvMethod        method;      /* the one that ran (never AUTO) */
  char               *formula;     /* FORMULA: its text */
  guint               months;
  double              discount;
  SegTimeUnit         unit;
  gboolean            from_summary;  /* BG/NBD on a precomputed summary table */
  guint64             n;
  double             *clv;         /* per customer; NAN when unknown */
  /* BG/NBD only (NULL otherwise), per customer: */
  double             *p_alive;
  double             *expected_purchases;  /* over the horizon */
  double             *frequency, *recency, *T, *monetary;  /* lifetimes summary */
  SegBgnbdParams      bgnbd;
  SegGammaGammaParams gamma_gamma;
  gboolean            has_gamma_gamma;  /* FALSE without monetary values */
  double              total;       /* sum of the known values */
  double              mean;
  SegBySegment        by[SEG_N_SEGMENTATIONS];
} SegClv;

GType               seg_result_get_type        (void) G_GNUC_CONST;
/* Returns: (transfer full). */
SegResult          *seg_result_ref             (SegResult *result);
void                seg_result_unref           (SegResult *result);

/* Returns: (transfer full). */
SegResult          *seg_analysis_run           (SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,
                                                gpointer                  user_data,
                                                GError                  **error);

void                seg_analysis_run_async     (SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                SegResult                *previous,   /* nullable: reuse what still holds */
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,   /* main context */
                                                gpointer                  progress_data,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
/* Returns: (transfer full). */
SegResult          *seg_analysis_run_finish    (GAsyncResult *result,
                                                GError      **error);

/* As seg_analysis_run (), reusing the methods of @previous whose inputs and
 * settings are unchanged.  Returns: (transfer full). */
SegResult          *seg_analysis_rerun         (SegResult                *previous,
                                                SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,
                                                gpointer                  user_data,
                                                GError                  **error);

SegDataset               *seg_result_get_dataset   (const SegResult *result);
SegTable                 *seg_result_get_customers (const SegResult *result);
const SegAnalysisOptions *seg_result_get_options   (const SegResult *result);
/* Numeric customer columns that segment means are given for. */
guint                     seg_result_get_n_numeric (const SegResult *result);
const char               *seg_result_get_numeric_name (const SegResult *result,
                                                       guint            index);
const SegSegmentation    *seg_result_get_rules     (const SegResult *result);   /* nullable */
const SegRuleSet         *seg_result_get_rule_set  (const SegResult *result);   /* nullable */
const SegSegmentation    *seg_result_get_rfm       (const SegResult *result);   /* nullable */
const SegRfmScores       *seg_result_get_rfm_scores (const SegResult *result);
const SegRfmMap          *seg_result_get_rfm_map   (const SegResult *result);
const SegSegmentation    *seg_result_get_kmeans    (const SegResult *result);   /* nullable */
const SegClusters        *seg_result_get_clusters  (const SegResult *result);   /* nullable */
const SegPca             *seg_result_get_pca       (const SegResult *result);   /* nullable */
/* The segmentation named "rules", "rfm" or "kmeans" (nullable). */
const SegSegmentation    *seg_result_get_segmentation (const SegResult *result,
                                                       const char      *method);
const SegChurn           *seg_result_get_churn     (const SegResult *result);   /* nullable */
const SegClv             *seg_result_get_clv       (const SegResult *result);   /* nullable */
/* The churn or CLV figures for the segmentation named "rules", "rfm" or "kmeans". */
const SegBySegment       *seg_churn_get_by         (const SegChurn  *churn,
                                                    const char      *method);
const SegBySegment       *seg_clv_get_by           (const SegClv    *clv,
                                                    const char      *method);

/* The clusters: k, the features, who is in which cluster and the figures
 * the charts draw.  Arrays are owned by the result. */
guint                     seg_clusters_get_k          (const SegClusters *clusters);  /* 0: not fitted */
guint64                   seg_clusters_get_n_customers (const SegClusters *clusters);
guint                     seg_clusters_get_n_features (const SegClusters *clusters);
const char * const       *seg_clusters_get_features   (const SegClusters *clusters);  /* p names */
const guint              *seg_clusters_get_labels     (const SegClusters *clusters);  /* per customer */
const guint              *seg_clusters_get_sizes      (const SegClusters *clusters);  /* k: customers */
double                    seg_clusters_get_inertia    (const SegClusters *clusters);
guint                     seg_clusters_get_n_iter     (const SegClusters *clusters);
/* k × p: the clusters' means in the features' own units. */
const double             *seg_clusters_get_centroids  (const SegClusters *clusters);
/* k × p: each cluster's mean of the scaled features, in standard deviations
 * from the average customer; NAN for an empty cluster (the profile chart). */
const double             *seg_clusters_get_profile    (const SegClusters *clusters);
const char * const       *seg_clusters_get_names      (const SegClusters *clusters);  /* k personas */
const char * const       *seg_clusters_get_actions    (const SegClusters *clusters);  /* k actions */
/* Per customer, NAN when not computed; sampled on large data. */
const double             *seg_clusters_get_silhouette (const SegClusters *clusters);
gboolean                  seg_clusters_get_silhouette_sampled (const SegClusters *clusters);
const SegKSweep          *seg_clusters_get_sweep      (const SegClusters *clusters);  /* nullable */
/* How each feature was imputed, transformed and scaled. */
const SegScaleReport     *seg_clusters_get_scaling    (const SegClusters *clusters);

/* The churn model: its label, features, coefficients and per-customer scores. */
const char               *seg_churn_get_label         (const SegChurn *churn);  /* "recency_days > 180", … */
guint                     seg_churn_get_n_features    (const SegChurn *churn);
const char * const       *seg_churn_get_features      (const SegChurn *churn);  /* p names */
/* p: change in log-odds per one SD of the feature, and exp () of it. */
const double             *seg_churn_get_coefficients  (const SegChurn *churn);
const double             *seg_churn_get_odds_ratios   (const SegChurn *churn);
double                    seg_churn_get_intercept     (const SegChurn *churn);
/* Predicted churn when the probability is above it. */
double                    seg_churn_get_threshold     (const SegChurn *churn);
/* Columns left out of the model, and why in words (n each). */
guint                     seg_churn_get_n_excluded    (const SegChurn *churn);
const char * const       *seg_churn_get_excluded      (const SegChurn *churn);
const char * const       *seg_churn_get_excluded_reasons (const SegChurn *churn);
const SegChurnExclusion  *seg_churn_get_exclusions    (const SegChurn *churn);  /* n, as figures */
const char               *seg_churn_get_note          (const SegChurn *churn);  /* nullable */
const char               *seg_churn_get_warning       (const SegChurn *churn);  /* nullable */
/* The recency rule's "churned after N days" window, NAN with a label column,
 * and why it is not the one asked for (nullable). */
double                    seg_churn_get_days          (const SegChurn *churn);
const char               *seg_churn_get_days_note     (const SegChurn *churn);
/* At the model's threshold, on the held-out and on the training customers. */
const SegBinaryMetrics   *seg_churn_get_test_metrics  (const SegChurn *churn);
const SegBinaryMetrics   *seg_churn_get_train_metrics (const SegChurn *churn);
/* The held-out customers' figures at another @threshold (the threshold
 * slider of the charts); FALSE when no customer was held out. */
gboolean                  seg_churn_measure_at        (const SegChurn   *churn,
                                                       double            threshold,
                                                       SegBinaryMetrics *out);
/* Share of the scored customers labelled churned. */
double                    seg_churn_get_rate          (const SegChurn *churn);
guint64                   seg_churn_get_n_scored      (const SegChurn *churn);
/* n_scored: the customer row of each scored customer. */
const guint64            *seg_churn_get_scored_rows   (const SegChurn *churn);
guint64                   seg_churn_get_n_customers   (const SegChurn *churn);
/* Per customer (n): churn probability and 0/1 label (NAN when not scored),
 * and whether the customer was held out for testing. */
const double             *seg_churn_get_probabilities (const SegChurn *churn);
const double             *seg_churn_get_labels        (const SegChurn *churn);
const gboolean           *seg_churn_get_held_out      (const SegChurn *churn);

GPtrArray                *seg_result_get_skipped   (const SegResult *result);   /* SegSkipped* */
GPtrArray                *seg_result_get_notices   (const SegResult *result);   /* char* */
/* A "churned after N days" that gives both labels in numbers the model can
 * learn from, suggested from when customers last bought, when the window
 * asked for does not; NAN otherwise (it worked, or no purchase dates). */
double                    seg_result_get_churn_suggested_days (const SegResult *result);

/* customers.csv: the customer table plus one column per method.
 * Returns: (transfer full). */
SegTable                 *seg_result_build_customer_table (const SegResult *result);
/* The same table for people to read (what the window exports): columns
 * of the input keep their values but lose float noise past 12 significant
 * digits (0.9999999999999731 is written 1), and the numbers the engine
 * computed are rounded to what they support: 4 decimals for scores and
 * probabilities (silhouette, pc1, pc2, churn_probability, p_alive), cents
 * for money and expected counts (clv, expected_purchases, and avg_spent
 * when the transaction log made it).  The CLI's customers.csv keeps full
 * precision: it is data other programs check.  Returns: (transfer full). */
SegTable                 *seg_result_build_customer_table_for_reading (const SegResult *result);
/* The same on a worker (seg-job.h); finish returns: (transfer full) (nullable). */
void                      seg_result_build_customer_table_async  (SegResult           *result,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
SegTable                 *seg_result_build_customer_table_finish (GAsyncResult        *result,
                                                                  GError             **error);
/* segments.csv: one row per method and segment.  Returns: (transfer full). */
GBytes                   *seg_result_format_segments      (const SegResult *result);
/* summary.json: the dataset part plus every method that ran.
 * Returns: (transfer full). */
JsonNode                 *seg_result_build_summary        (const SegResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegResult, seg_result_unref)

G_END_DECLS
