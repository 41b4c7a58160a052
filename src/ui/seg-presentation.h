/* seg-presentation.h — presentation mode (F5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A composite template (ui/seg-presentation.ui) made with its "window":
 * the slides of that window's result, one at a time, built again when the
 * result changes.  "n-slides" and "current" are properties.
 * The functions below the constructor look at the slides of a
 * presentation window (for tests and the window's actions).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEG_TYPE_PRESENTATION (seg_presentation_get_type ())

G_DECLARE_FINAL_TYPE (SegPresentation, seg_presentation, SEG, PRESENTATION, AdwWindow)

typedef struct _SegWindow SegWindow;

/* A full-screen window showing one pane's charts at a time. */
GtkWidget  *seg_presentation_new           (SegWindow *window);

/* The slides shown for the current result: "overview", "personas",
 * "actions", "top-customers", "segments", "rfm", "profiles", "churn",
 * "value"; slides without data are left out. */
guint       seg_presentation_get_n_slides  (GtkWidget *presentation);
const char *seg_presentation_get_slide_id  (GtkWidget *presentation,
                                            guint      index);
/* Shows slide @index at once (no transition). */
void        seg_presentation_show_slide    (GtkWidget *presentation,
                                            guint      index);
guint       seg_presentation_get_current   (GtkWidget *presentation);

G_END_DECLS
