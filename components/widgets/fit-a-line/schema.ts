import { defineSchema, type ParamsOf } from '@/components/widgets/kit/schema';
import { LOSS_PARAMS, lrParam, POINTS_PARAM, speedParam } from '@/components/widgets/shared/line-fit/params';

export const fitALineSchema = defineSchema({
  name: 'fit-a-line',
  version: 1,
  params: {
    points: POINTS_PARAM,
    ...LOSS_PARAMS,
    lr: lrParam(0.1),
    speed: speedParam(60),
  },
});

export type FitParams = ParamsOf<typeof fitALineSchema>;
