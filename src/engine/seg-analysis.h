/* seg-analysis.h — every method run on a dataset, as one immutable SegResult
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg_analysis_run () takes a SegDataset and SegAnalysisOptions and runs the
 * methods that apply (rules, RFM, k-means with the k sweep, PCA, profiles);
 * a method that cannot apply is skipped with a reason, unless it was asked
 * for explicitly, which makes it an error.  seg_analysis_rerun () reuses the
 * parts of a previous result whose settings did not change.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seg-dataset.h"
#include "seg-kmeans.h"
#include "seg-ksweep.h"
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

typedef struct
{
  char **features;         /* p names */
  guint  p;
  SegScaleReport *scale;
  SegMatrix      *scaled;  /* n × p, imputed and z-scored */
  SegKMeansResult *fit;    /* the kept k */
  SegKSweep      *sweep;   /* NULL without a sweep */
  double         *centroids;  /* k × p in the features' own units */
  char          **names;      /* k suggested persona names (editable later) */
  char          **actions;    /* k recommended actions */
  double         *silhouette; /* per customer, NAN when not computed */
  gboolean        silhouette_sampled;
} SegClusters;

GType               seg_result_get_type        (void) G_GNUC_CONST;
SegResult          *seg_result_ref             (SegResult *result);
void                seg_result_unref           (SegResult *result);

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
SegResult          *seg_analysis_run_finish    (GAsyncResult *result,
                                                GError      **error);

/* As seg_analysis_run (), reusing the methods of @previous whose inputs and
 * settings are unchanged. */
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
GPtrArray                *seg_result_get_skipped   (const SegResult *result);   /* SegSkipped* */
GPtrArray                *seg_result_get_notices   (const SegResult *result);   /* char* */

/* customers.csv: the customer table plus one column per method. */
SegTable                 *seg_result_build_customer_table (const SegResult *result);
/* segments.csv: one row per method and segment. */
GBytes                   *seg_result_format_segments      (const SegResult *result);
/* summary.json: the dataset part plus every method that ran. */
JsonNode                 *seg_result_build_summary        (const SegResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegResult, seg_result_unref)

G_END_DECLS
