export * from './sms-gateway-simulator';
export * from './zalo-zns-simulator';
export * from './mail-sink';
