/** The 5-point scale the requester is asked, in their words. */
export const ratingChoices = [
  { value: 1, label: '1 awful' },
  { value: 2, label: '2 poor, but it happens' },
  { value: 3, label: '3 fine, expected more' },
  { value: 4, label: '4 good' },
  { value: 5, label: '5 wow' },
] as const;

export const isLowRating = (r: number) => r <= 2;
export const ratingLabel = (r: number) => ratingChoices.find((c) => c.value === r)?.label ?? String(r);
