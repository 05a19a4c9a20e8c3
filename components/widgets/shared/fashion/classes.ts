// Fashion-MNIST's ten classes, in label order (label i is FASHION_CLASSES[i]).

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

/** The same classes, at most eight letters: for narrow axis labels. */
export const FASHION_CLASSES_SHORT = ['T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'] as const;

export type FashionClass = (typeof FASHION_CLASSES)[number];
