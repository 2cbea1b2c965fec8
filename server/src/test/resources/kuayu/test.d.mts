export declare const connect: (options: object) => object;
