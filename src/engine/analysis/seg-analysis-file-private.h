/* seg-analysis-file-private.h — the document and the JSON helpers shared by
 * seg-analysis-file*.c, seg-json.c, seg-apply.c and seg-migration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "seg-analysis.h"
#include "seg-analysis-file.h"
#include "seg-rfm.h"

G_BEGIN_DECLS

/* The document as held in memory (seg-analysis-file*.c). */
struct _SegAnalysisFile
{
  gatomicrefcount ref_count;
  char           *path;      /* where it was read from or last saved; nullable */
  int             version;   /* as read (before migration) */
  JsonObject     *root;      /* the document, inputs and view excepted */
  GPtrArray      *inputs;    /* SegSavedInput* */
  SegAnalysisView view;
};

void        seg_json_add_number  (JsonBuilder  *b,
                                  const char   *name,     /* nullable in arrays */
                                  double        v);       /* NAN → null */
void        seg_json_add_numbers (JsonBuilder  *b,
                                  const char   *name,
                                  const double *v,
                                  gsize         n);
gboolean    seg_json_get_number  (JsonObject   *o,
                                  const char   *member,
                                  double       *out);     /* null → NAN */
/* @n numbers (0 = any, the length in *@n_out); NULL when absent or wrong. */
double     *seg_json_get_numbers (JsonObject   *o,
                                  const char   *member,
                                  gsize         n,
                                  gsize        *n_out);
double     *seg_json_get_matrix  (JsonObject   *o,
                                  const char   *member,
                                  guint         rows,
                                  guint         cols);
char      **seg_json_get_strv    (JsonObject   *o,
                                  const char   *member,
                                  gsize        *n_out);
const char *seg_json_get_string  (JsonObject   *o,
                                  const char   *member);
JsonObject *seg_json_get_object  (JsonObject   *o,
                                  const char   *member);
SegRfmMap  *seg_json_get_rfm_map (JsonObject   *o,
                                  const char   *member,
                                  guint         bins);
/* The order RFM scores customers in: by value (descending for recency),
 * then (NTILE) by customer id. */
int         seg_analysis_file_compare_rfm_order (double      va,
                                                 const char *ida,
                                                 double      vb,
                                                 const char *idb,
                                                 gboolean    descending,
                                                 gboolean    use_ids);

/* seg-json.c */
void
seg_json_add_string (JsonBuilder *b,
                     const char  *name,
                     const char  *v);
void
seg_json_add_strv (JsonBuilder        *b,
                   const char         *name,
                   const char * const *v,
                   gssize              n);
void
seg_json_add_int (JsonBuilder *b,
                  const char  *name,
                  gint64       v);
gboolean
seg_json_bad_member (const char *path,
                     const char *member,
                     GError    **error);
gint64
seg_json_get_int (JsonObject *o,
                  const char *member,
                  gint64      fallback);

/* seg-analysis-file-settings.c */
gboolean
seg_analysis_file_parse_day (const char *text,
                             double     *out);

const char *
seg_analysis_file_rfm_method_name (SegRfmMethod m);

SegRfmMethod
seg_analysis_file_rfm_method_parse (const char *s);

SegMethods
seg_analysis_file_get_methods (JsonObject *o,
                               const char *member);

void
seg_analysis_file_add_rfm_map (JsonBuilder     *b,
                               const char      *name,
                               const SegRfmMap *map);

void
seg_analysis_file_add_dataset_settings (JsonBuilder             *b,
                                        const SegDataset        *ds);

void
seg_analysis_file_add_analysis_settings (JsonBuilder *b,
                                         SegResult   *result);

/* seg-analysis-file-models.c */
void
seg_analysis_file_add_models (JsonBuilder *b,
                              SegResult   *result);

void
seg_analysis_file_add_segments (JsonBuilder           *b,
                                SegResult             *result,
                                const SegAnalysisView *view);

G_END_DECLS
