import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { hello } from 'nestjs-social';

@Module({})
class AppModule {}
const app = await NestFactory.create(AppModule);
console.log(hello());
await app.listen(3999);
await app.close();
