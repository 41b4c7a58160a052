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

/**
 * seg_clv_method_parse:
 * @text: "historical", "rfm-proxy", "formula", "bgnbd" or "auto", in any case
 * @method: (out): the method
 *
 * Returns: %TRUE when @text names a method
 */
gboolean            seg_clv_method_parse       (const char   *text,
                                                SegClvMethod *method);
/**
 * seg_clv_method_to_string:
 * @method: a method
 *
 * Returns: (transfer none): its name, as seg_clv_method_parse () reads it
 */
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

/**
 * seg_analysis_options_init:
 * @options: (out caller-allocates): the options to fill with the defaults
 */
void                seg_analysis_options_init  (SegAnalysisOptions *options);
/**
 * seg_analysis_options_clear:
 * @options: options
 *
 * Frees what @options hold; they may be set up again.
 */
void                seg_analysis_options_clear (SegAnalysisOptions *options);
/**
 * seg_analysis_options_copy:
 * @src: options
 * @dest: (out caller-allocates): a deep copy, for seg_analysis_options_clear ()
 */
void                seg_analysis_options_copy  (const SegAnalysisOptions *src,
                                                SegAnalysisOptions       *dest);
/**
 * seg_methods_parse:
 * @list: a comma-separated list, such as "metrics,rules,rfm,kmeans,pca,churn,clv" ("metrics" alone: none; "all": every one)
 * @methods: (out): the methods
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set for a name it does not know
 */
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

/**
 * seg_churn_exclusion_kind_to_string:
 * @kind: a reason
 *
 * Returns: (transfer none): its name in .segmenta files
 */
const char      *seg_churn_exclusion_kind_to_string   (SegChurnExclusionKind  kind);
/**
 * seg_churn_exclusion_kind_from_string:
 * @text: (nullable): a name from seg_churn_exclusion_kind_to_string ()
 * @kind: (out): the reason
 *
 * Returns: %TRUE when @text names a reason
 */
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
/**
 * seg_result_ref:
 * @result: a result
 *
 * Returns: (transfer full): @result
 */
SegResult          *seg_result_ref             (SegResult *result);
/**
 * seg_result_unref:
 * @result: (transfer full): a result
 */
void                seg_result_unref           (SegResult *result);

/**
 * seg_analysis_run:
 * @dataset: the customers
 * @options: (nullable): what to run, and how (%NULL: the defaults)
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope call) (nullable): called on this thread as the work goes on
 * @user_data: (closure progress): its data
 * @error: return location for a #GError, or %NULL
 *
 * Runs the methods of @options on @dataset.  A method that cannot run on
 * this data is skipped with its reason (seg_result_get_skipped ()), unless
 * it is in options->required: then it is an error.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegResult          *seg_analysis_run           (SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,
                                                gpointer                  user_data,
                                                GError                  **error);

/**
 * seg_analysis_run_async:
 * @dataset: the customers
 * @options: what to run, and how (copied)
 * @previous: (nullable): a result whose methods are reused where their inputs and settings are unchanged
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope notified) (nullable): runs in the caller's main context, never after @callback
 * @progress_data: (closure progress): its data
 * @callback: (scope async): called when the result is ready
 * @user_data: (closure callback): its data
 *
 * seg_analysis_rerun () on a worker (seg_job_run_async ()).
 */
void                seg_analysis_run_async     (SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                SegResult                *previous,
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,
                                                gpointer                  progress_data,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
/**
 * seg_analysis_run_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegResult          *seg_analysis_run_finish    (GAsyncResult *result,
                                                GError      **error);

/**
 * seg_analysis_rerun:
 * @previous: (nullable): an earlier result
 * @dataset: the customers
 * @options: (nullable): what to run, and how (%NULL: the defaults)
 * @cancellable: (nullable): a #GCancellable
 * @progress: (scope call) (nullable): called on this thread as the work goes on
 * @user_data: (closure progress): its data
 * @error: return location for a #GError, or %NULL
 *
 * As seg_analysis_run (), reusing the methods of @previous whose inputs
 * and settings are unchanged.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegResult          *seg_analysis_rerun         (SegResult                *previous,
                                                SegDataset               *dataset,
                                                const SegAnalysisOptions *options,
                                                GCancellable             *cancellable,
                                                SegProgressFunc           progress,
                                                gpointer                  user_data,
                                                GError                  **error);

/**
 * seg_result_get_dataset:
 * @result: a result
 *
 * Returns: (transfer none): the dataset it was analysed from
 */
SegDataset               *seg_result_get_dataset   (const SegResult *result);
/**
 * seg_result_get_customers:
 * @result: a result
 *
 * Returns: (transfer none): the customer table the methods ran on
 */
SegTable                 *seg_result_get_customers (const SegResult *result);
/**
 * seg_result_get_options:
 * @result: a result
 *
 * Returns: (transfer none): the options it was run with
 */
const SegAnalysisOptions *seg_result_get_options   (const SegResult *result);
/**
 * seg_result_get_n_numeric:
 * @result: a result
 *
 * Returns: the number of numeric customer columns that segment means are
 *   given for
 */
guint                     seg_result_get_n_numeric (const SegResult *result);
/**
 * seg_result_get_numeric_name:
 * @result: a result
 * @index: below seg_result_get_n_numeric ()
 *
 * Returns: (transfer none): the column's name
 */
const char               *seg_result_get_numeric_name (const SegResult *result,
                                                       guint            index);
/**
 * seg_result_get_rules:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the rule segments, %NULL when the
 *   rules did not run
 */
const SegSegmentation    *seg_result_get_rules     (const SegResult *result);
/**
 * seg_result_get_rule_set:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the rules that ran
 */
const SegRuleSet         *seg_result_get_rule_set  (const SegResult *result);
/**
 * seg_result_get_rfm:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the RFM segments, %NULL when RFM
 *   did not run
 */
const SegSegmentation    *seg_result_get_rfm       (const SegResult *result);
/**
 * seg_result_get_rfm_scores:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the RFM scores per customer
 */
const SegRfmScores       *seg_result_get_rfm_scores (const SegResult *result);
/**
 * seg_result_get_rfm_map:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the grid that named the RFM segments
 */
const SegRfmMap          *seg_result_get_rfm_map   (const SegResult *result);
/**
 * seg_result_get_kmeans:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the clusters as segments, %NULL when
 *   k-means did not run
 */
const SegSegmentation    *seg_result_get_kmeans    (const SegResult *result);
/**
 * seg_result_get_clusters:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the k-means part, %NULL when it did
 *   not run
 */
const SegClusters        *seg_result_get_clusters  (const SegResult *result);
/**
 * seg_result_get_pca:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the PCA, %NULL when it did not run
 */
const SegPca             *seg_result_get_pca       (const SegResult *result);
/**
 * seg_result_get_segmentation:
 * @result: a result
 * @method: (nullable): "rules", "rfm" or "kmeans" ("clusters" too)
 *
 * Returns: (transfer none) (nullable): the segmentation of that name,
 *   %NULL when it did not run
 */
const SegSegmentation    *seg_result_get_segmentation (const SegResult *result,
                                                       const char      *method);
/**
 * seg_result_get_churn:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the churn model, %NULL when it did
 *   not run
 */
const SegChurn           *seg_result_get_churn     (const SegResult *result);
/**
 * seg_result_get_clv:
 * @result: a result
 *
 * Returns: (transfer none) (nullable): the customer lifetime values, %NULL
 *   when they were not computed
 */
const SegClv             *seg_result_get_clv       (const SegResult *result);
/**
 * seg_churn_get_by:
 * @churn: the churn model
 * @method: (nullable): "rules", "rfm" or "kmeans" ("clusters" too)
 *
 * Returns: (transfer none) (nullable): the churn figures per segment of
 *   that segmentation, %NULL for another name
 */
const SegBySegment       *seg_churn_get_by         (const SegChurn  *churn,
                                                    const char      *method);
/**
 * seg_clv_get_by:
 * @clv: the customer lifetime values
 * @method: (nullable): "rules", "rfm" or "kmeans" ("clusters" too)
 *
 * Returns: (transfer none) (nullable): the CLV figures per segment of that
 *   segmentation, %NULL for another name
 */
const SegBySegment       *seg_clv_get_by           (const SegClv    *clv,
                                                    const char      *method);

/* The clusters: k, the features, who is in which cluster and the figures
 * the charts draw.  Arrays are owned by the result; p is
 * seg_clusters_get_n_features (). */

/**
 * seg_clusters_get_k:
 * @clusters: the clusters
 *
 * Returns: the number of clusters, 0 when none was fitted
 */
guint                     seg_clusters_get_k          (const SegClusters *clusters);
/**
 * seg_clusters_get_n_customers:
 * @clusters: the clusters
 *
 * Returns: the number of customers clustered
 */
guint64                   seg_clusters_get_n_customers (const SegClusters *clusters);
/**
 * seg_clusters_get_n_features:
 * @clusters: the clusters
 *
 * Returns: p, the number of features
 */
guint                     seg_clusters_get_n_features (const SegClusters *clusters);
/**
 * seg_clusters_get_features:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (array zero-terminated=1): the p features' names
 */
const char * const       *seg_clusters_get_features   (const SegClusters *clusters);
/**
 * seg_clusters_get_labels:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array): each customer's cluster
 */
const guint              *seg_clusters_get_labels     (const SegClusters *clusters);
/**
 * seg_clusters_get_sizes:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array): k: the customers in each
 *   cluster
 */
const guint              *seg_clusters_get_sizes      (const SegClusters *clusters);
/**
 * seg_clusters_get_inertia:
 * @clusters: the clusters
 *
 * Returns: the within-cluster sum of squares of the scaled features
 */
double                    seg_clusters_get_inertia    (const SegClusters *clusters);
/**
 * seg_clusters_get_n_iter:
 * @clusters: the clusters
 *
 * Returns: the Lloyd iterations of the kept run
 */
guint                     seg_clusters_get_n_iter     (const SegClusters *clusters);
/**
 * seg_clusters_get_centroids:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array): k × p: the clusters' means in
 *   the features' own units
 */
const double             *seg_clusters_get_centroids  (const SegClusters *clusters);
/**
 * seg_clusters_get_profile:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array): k × p: each cluster's mean
 *   of the scaled features, in standard deviations from the average
 *   customer; NAN for an empty cluster (the profile chart)
 */
const double             *seg_clusters_get_profile    (const SegClusters *clusters);
/**
 * seg_clusters_get_names:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the k
 *   personas' names
 */
const char * const       *seg_clusters_get_names      (const SegClusters *clusters);
/**
 * seg_clusters_get_actions:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the k
 *   personas' recommended actions
 */
const char * const       *seg_clusters_get_actions    (const SegClusters *clusters);
/**
 * seg_clusters_get_silhouette:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable) (array): per customer, NAN when not
 *   computed; sampled on large data
 */
const double             *seg_clusters_get_silhouette (const SegClusters *clusters);
/**
 * seg_clusters_get_silhouette_sampled:
 * @clusters: the clusters
 *
 * Returns: %TRUE when the silhouettes were computed on a sample
 */
gboolean                  seg_clusters_get_silhouette_sampled (const SegClusters *clusters);
/**
 * seg_clusters_get_sweep:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable): the sweep over k, %NULL when k was
 *   given
 */
const SegKSweep          *seg_clusters_get_sweep      (const SegClusters *clusters);
/**
 * seg_clusters_get_scaling:
 * @clusters: the clusters
 *
 * Returns: (transfer none) (nullable): how each feature was imputed,
 *   transformed and scaled
 */
const SegScaleReport     *seg_clusters_get_scaling    (const SegClusters *clusters);

/* The churn model: its label, features, coefficients and per-customer
 * scores.  Arrays are owned by the result; p is seg_churn_get_n_features (),
 * n is seg_churn_get_n_customers (). */

/**
 * seg_churn_get_label:
 * @churn: the churn model
 *
 * Returns: (transfer none): what "churned" means, such as
 *   "recency_days > 180"
 */
const char               *seg_churn_get_label         (const SegChurn *churn);
/**
 * seg_churn_get_n_features:
 * @churn: the churn model
 *
 * Returns: p, the number of features in the model
 */
guint                     seg_churn_get_n_features    (const SegChurn *churn);
/**
 * seg_churn_get_features:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array zero-terminated=1): the p features' names
 */
const char * const       *seg_churn_get_features      (const SegChurn *churn);
/**
 * seg_churn_get_coefficients:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): p: the change in log-odds per one
 *   standard deviation of each feature
 */
const double             *seg_churn_get_coefficients  (const SegChurn *churn);
/**
 * seg_churn_get_odds_ratios:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): p: exp () of each coefficient
 */
const double             *seg_churn_get_odds_ratios   (const SegChurn *churn);
/**
 * seg_churn_get_intercept:
 * @churn: the churn model
 *
 * Returns: the log-odds of a customer at the training mean
 */
double                    seg_churn_get_intercept     (const SegChurn *churn);
/**
 * seg_churn_get_threshold:
 * @churn: the churn model
 *
 * Returns: the probability above which churn is predicted
 */
double                    seg_churn_get_threshold     (const SegChurn *churn);
/**
 * seg_churn_get_n_excluded:
 * @churn: the churn model
 *
 * Returns: the number of columns left out of the model
 */
guint                     seg_churn_get_n_excluded    (const SegChurn *churn);
/**
 * seg_churn_get_excluded:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array zero-terminated=1): the columns left out
 */
const char * const       *seg_churn_get_excluded      (const SegChurn *churn);
/**
 * seg_churn_get_excluded_reasons:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array zero-terminated=1): why each was left
 *   out, in words
 */
const char * const       *seg_churn_get_excluded_reasons (const SegChurn *churn);
/**
 * seg_churn_get_exclusions:
 * @churn: the churn model
 *
 * Returns: (transfer none) (nullable) (array): why each was left out, as
 *   figures
 */
const SegChurnExclusion  *seg_churn_get_exclusions    (const SegChurn *churn);
/**
 * seg_churn_get_note:
 * @churn: the churn model
 *
 * Returns: (transfer none) (nullable): a note on the model for the user
 */
const char               *seg_churn_get_note          (const SegChurn *churn);
/**
 * seg_churn_get_warning:
 * @churn: the churn model
 *
 * Returns: (transfer none) (nullable): a warning, such as perfect
 *   separation
 */
const char               *seg_churn_get_warning       (const SegChurn *churn);
/**
 * seg_churn_get_days:
 * @churn: the churn model
 *
 * Returns: the recency rule's "churned after N days" window, NAN with a
 *   label column
 */
double                    seg_churn_get_days          (const SegChurn *churn);
/**
 * seg_churn_get_days_note:
 * @churn: the churn model
 *
 * Returns: (transfer none) (nullable): why the window is not the one asked
 *   for
 */
const char               *seg_churn_get_days_note     (const SegChurn *churn);
/**
 * seg_churn_get_test_metrics:
 * @churn: the churn model
 *
 * Returns: (transfer none): the figures on the held-out customers, at the
 *   model's threshold
 */
const SegBinaryMetrics   *seg_churn_get_test_metrics  (const SegChurn *churn);
/**
 * seg_churn_get_train_metrics:
 * @churn: the churn model
 *
 * Returns: (transfer none): the figures on the training customers, at the
 *   model's threshold
 */
const SegBinaryMetrics   *seg_churn_get_train_metrics (const SegChurn *churn);
/**
 * seg_churn_measure_at:
 * @churn: the churn model
 * @threshold: another threshold (the threshold slider of the charts)
 * @out: (out caller-allocates): the held-out customers' figures at it
 *
 * Returns: %FALSE when no customer was held out
 */
gboolean                  seg_churn_measure_at        (const SegChurn   *churn,
                                                       double            threshold,
                                                       SegBinaryMetrics *out);
/**
 * seg_churn_get_rate:
 * @churn: the churn model
 *
 * Returns: the share of the scored customers labelled churned
 */
double                    seg_churn_get_rate          (const SegChurn *churn);
/**
 * seg_churn_get_n_scored:
 * @churn: the churn model
 *
 * Returns: the number of customers scored
 */
guint64                   seg_churn_get_n_scored      (const SegChurn *churn);
/**
 * seg_churn_get_scored_rows:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): n_scored: the customer row of each
 *   scored customer
 */
const guint64            *seg_churn_get_scored_rows   (const SegChurn *churn);
/**
 * seg_churn_get_n_customers:
 * @churn: the churn model
 *
 * Returns: n, all the customers
 */
guint64                   seg_churn_get_n_customers   (const SegChurn *churn);
/**
 * seg_churn_get_probabilities:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): n: each customer's churn probability,
 *   NAN when not scored
 */
const double             *seg_churn_get_probabilities (const SegChurn *churn);
/**
 * seg_churn_get_labels:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): n: each customer's 0/1 label, NAN when
 *   not scored
 */
const double             *seg_churn_get_labels        (const SegChurn *churn);
/**
 * seg_churn_get_held_out:
 * @churn: the churn model
 *
 * Returns: (transfer none) (array): n: whether each customer was held out
 *   for testing
 */
const gboolean           *seg_churn_get_held_out      (const SegChurn *churn);

/**
 * seg_result_get_skipped:
 * @result: a result
 *
 * Returns: (transfer none) (element-type SegSkipped): the methods that did
 *   not run, and why
 */
GPtrArray                *seg_result_get_skipped   (const SegResult *result);
/**
 * seg_result_get_notices:
 * @result: a result
 *
 * Returns: (transfer none) (element-type utf8): notices for the user
 */
GPtrArray                *seg_result_get_notices   (const SegResult *result);
/**
 * seg_result_get_churn_suggested_days:
 * @result: a result
 *
 * Returns: a "churned after N days" that gives both labels in numbers the
 *   model can learn from, suggested from when customers last bought, when
 *   the window asked for does not; NAN otherwise (it worked, or no
 *   purchase dates)
 */
double                    seg_result_get_churn_suggested_days (const SegResult *result);

/**
 * seg_result_build_customer_table:
 * @result: a result
 *
 * Returns: (transfer full): customers.csv: the customer table plus one
 *   column per method
 */
SegTable                 *seg_result_build_customer_table (const SegResult *result);
/**
 * seg_result_build_customer_table_for_reading:
 * @result: a result
 *
 * The same table for people to read (what the window exports): columns of
 * the input keep their values but lose float noise past 12 significant
 * digits (0.9999999999999731 is written 1), and the numbers the engine
 * computed are rounded to what they support: 4 decimals for scores and
 * probabilities (silhouette, pc1, pc2, churn_probability, p_alive), cents
 * for money and expected counts (clv, expected_purchases, and avg_spent
 * when the transaction log made it).  The CLI's customers.csv keeps full
 * precision: it is data other programs check.
 *
 * Returns: (transfer full): the table
 */
SegTable                 *seg_result_build_customer_table_for_reading (const SegResult *result);
/**
 * seg_result_build_customer_table_async:
 * @result: a result
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the table is ready
 * @user_data: (closure callback): its data
 *
 * seg_result_build_customer_table () on a worker (seg-job.h).
 */
void                      seg_result_build_customer_table_async  (SegResult           *result,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
/**
 * seg_result_build_customer_table_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SegTable                 *seg_result_build_customer_table_finish (GAsyncResult        *result,
                                                                  GError             **error);
/**
 * seg_result_format_segments:
 * @result: a result
 *
 * Returns: (transfer full): segments.csv: one row per method and segment
 */
GBytes                   *seg_result_format_segments      (const SegResult *result);
/**
 * seg_result_build_summary:
 * @result: a result
 *
 * Returns: (transfer full): summary.json: the dataset part plus every
 *   method that ran
 */
JsonNode                 *seg_result_build_summary        (const SegResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegResult, seg_result_unref)

G_END_DECLS
