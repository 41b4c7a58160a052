/* seg-chart-axis.h — value ranges and "nice" tick positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEG_AXIS_MAX_TICKS 32

/* A value axis after seg_axis_compute(): the (widened) domain [min, max]
 * and the ticks inside it.  Always finite with min < max. */
typedef struct
{
  double       min;
  double       max;
  double       step;                       /* tick spacing */
  guint        n_ticks;
  double       ticks[SEG_AXIS_MAX_TICKS];
} SegAxis;

/* Heckbert's nice number: the 1, 2, 5 or 10 × 10^k closest to @x
 * (@round) or the smallest one ≥ @x (!@round).  @x must be > 0. */
double   seg_axis_nice_number (double   x,
                               gboolean round);

/* Fills @axis for data between @lo and @hi (any order; NaN and infinities
 * are ignored; both non-finite gives [0, 1]; a constant range is widened
 * around the value).  @target_ticks is the wished number of ticks (2..20).
 * With @include_zero the domain reaches 0 (bars).  The domain is rounded
 * outwards to whole steps ("loose" labelling). */
void     seg_axis_compute     (SegAxis      *axis,
                               double        lo,
                               double        hi,
                               guint         target_ticks,
                               gboolean      include_zero);

/* Position of @v between @p0 (at min) and @p1 (at max); values outside the
 * domain map outside.  Non-finite @v gives NAN. */
double   seg_axis_map         (const SegAxis *axis,
                               double         v,
                               double         p0,
                               double         p1);

/* Data range helper: min and max of the finite values; FALSE when none. */
gboolean seg_axis_data_range  (const double *values,
                               gsize         n,
                               double       *lo,
                               double       *hi);

G_END_DECLS
